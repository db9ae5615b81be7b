package dev.parley.engine;

/**
 * A user in a room. Immutable.
 *
 * @param userID unique within an appID; at most 64 bytes
 * @param userName display name; at most 256 bytes; the userID when not given
 */
public record User(String userID, String userName) {
    public User {
        if (userID == null) {
            throw new IllegalArgumentException("userID must not be null");
        }
        if (userName == null || userName.isEmpty()) {
            userName = userID;
        }
    }

    public User(String userID) {
        this(userID, userID);
    }
}
