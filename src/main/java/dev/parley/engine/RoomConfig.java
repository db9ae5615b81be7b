package dev.parley.engine;

/**
 * Options for one login. Immutable.
 *
 * @param maxMemberCount the room's member limit when this login creates it; 0 for the server's default
 * @param isUserStatusNotify whether to receive {@link EventHandler#onRoomUserUpdate}
 * @param token a token minted by the app's backend, or null to log in with the profile's appSign
 */
public record RoomConfig(int maxMemberCount, boolean isUserStatusNotify, String token) {
    public RoomConfig {
        if (maxMemberCount < 0) {
            throw new IllegalArgumentException("maxMemberCount must not be negative");
        }
    }

    /** No member limit of its own, user updates on, appSign login. */
    public static RoomConfig defaults() {
        return new RoomConfig(0, true, null);
    }

    public RoomConfig withToken(String newToken) {
        return new RoomConfig(maxMemberCount, isUserStatusNotify, newToken);
    }
}
