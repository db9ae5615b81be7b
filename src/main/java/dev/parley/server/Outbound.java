package dev.parley.server;

import java.util.Collection;

/**
 * How the room logic reaches clients. The WebSocket transport implements it; tests record.
 *
 * <p>Called only from the server's core thread. Implementations must not block on the network.
 */
interface Outbound {
    /** Sends one text frame; a closed connection drops it silently. */
    void send(ClientConnection to, String text);

    /** Sends the same text frame to many connections, framing it once. */
    void sendToAll(String text, Collection<ClientConnection> to);

    /** Closes a connection with a WebSocket close code after queued frames are flushed. */
    void close(ClientConnection connection, int closeCode, String reason);
}
