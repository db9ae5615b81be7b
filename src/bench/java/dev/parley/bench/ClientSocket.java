package dev.parley.bench;

import java.net.URI;

/**
 * The client end of one simulated user's WebSocket, whichever client library carries it.
 * Implementations are thread-safe: any thread may send.
 */
interface ClientSocket {
    /** Queues one text frame; frames go out in the order they were queued. */
    void sendText(String text);

    /** Starts the closing handshake with a normal closure. */
    void close();

    /** Drops the connection at once. */
    void abort();

    /** What a socket tells its user. Calls for one socket never overlap. */
    interface Events {
        void opened(ClientSocket socket);

        /** A whole text message; {@code arrivalNanos} is {@link System#nanoTime()} when its last bytes were read. */
        void text(String text, long arrivalNanos);

        /** The connection ended: closed by either side (the close code) or failed (1006). */
        void closed(int code, String reason);
    }

    /** Opens client sockets. */
    interface Connector extends AutoCloseable {
        /** Connects asynchronously; {@code events} hears of the outcome. {@code index} spreads users over threads. */
        void connect(URI uri, int index, Events events);

        /** A short description for the report. */
        String describe();

        @Override
        void close();
    }
}
