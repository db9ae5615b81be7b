package dev.parley.engine.internal.signaling;

import java.net.URI;

/** Opens connections to room server nodes: {@link WebSocketConnector}, or a fake in tests. Thread-safe. */
public interface Connector {
    /** Starts opening a connection to {@code uri}; its events, the close included, go to {@code listener} on the engine loop. */
    ServerConnection connect(URI uri, ServerConnection.Listener listener);
}
