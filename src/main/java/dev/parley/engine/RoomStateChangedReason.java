package dev.parley.engine;

/** Why the room state changed, as in {@link EventHandler#onRoomStateChanged}. */
public enum RoomStateChangedReason {
    /** Logging in (state CONNECTING). */
    LOGINING(RoomState.CONNECTING),
    /** Logged in (state CONNECTED). */
    LOGINED(RoomState.CONNECTED),
    /** Login failed; the error code says why (state DISCONNECTED). */
    LOGIN_FAILED(RoomState.DISCONNECTED),
    /** The connection was lost and the engine is reconnecting (state CONNECTING). */
    RECONNECTING(RoomState.CONNECTING),
    /** The connection is back (state CONNECTED). */
    RECONNECTED(RoomState.CONNECTED),
    /** The reconnect window ended without success (state DISCONNECTED). */
    RECONNECT_FAILED(RoomState.DISCONNECTED),
    /** The server ended the session, for example because the same userID logged in elsewhere. */
    KICK_OUT(RoomState.DISCONNECTED),
    /** Logged out (state DISCONNECTED). */
    LOGOUT(RoomState.DISCONNECTED),
    /** Logout failed; the engine has still left the room locally (state DISCONNECTED). */
    LOGOUT_FAILED(RoomState.DISCONNECTED);

    private final RoomState state;

    RoomStateChangedReason(RoomState state) {
        this.state = state;
    }

    /** The room state this reason leads to. */
    public RoomState state() {
        return state;
    }
}
