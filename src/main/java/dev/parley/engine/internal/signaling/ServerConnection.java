package dev.parley.engine.internal.signaling;

import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ServerMessage;

/**
 * One connection to the room server, opened by a {@link Connector}. Messages and the close arrive
 * on the engine loop through the {@link Listener} it was opened with.
 *
 * <p>Thread-safe. One instance per connection attempt: opened once, closed once.
 */
public interface ServerConnection {
    /** Receives a connection's events on the engine loop. */
    interface Listener {
        void onMessage(ServerConnection connection, ServerMessage message);

        /** Called exactly once, when the connection closed or could not open. */
        void onClosed(ServerConnection connection, int code, String reason);
    }

    /** Sends a request; a closed connection drops it, and the close is reported separately. */
    void send(ClientMessage message);

    /** Closes with the WebSocket close handshake. */
    void close();

    /** Drops the TCP connection without a close handshake, as when the network fails. */
    void abort();

    /** Closes and waits, at most {@code millis} and once more after an abort, until the socket's threads have finished. */
    void closeAndAwait(long millis);

    /** Whether the connection has closed and its socket's threads have finished. */
    boolean closed();
}
