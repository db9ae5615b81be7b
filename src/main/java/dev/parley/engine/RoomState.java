package dev.parley.engine;

/** This client's connection state in a room, as in {@link EventHandler#onRoomStateUpdate}. */
public enum RoomState {
    /** Not in the room: before login, after logout, or after a failure that ended the session. */
    DISCONNECTED,
    /** Logging in, or reconnecting after the connection was lost. */
    CONNECTING,
    /** In the room: user, stream and message events arrive. */
    CONNECTED
}
