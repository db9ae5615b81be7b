package dev.parley.engine.internal.signaling;

/** Opens connections to the room server: {@link WebSocketConnector}, or a fake in tests. Thread-safe. */
public interface Connector {
    /** Starts opening a connection; its events, the close included, go to {@code listener} on the engine loop. */
    ServerConnection connect(ServerConnection.Listener listener);
}
