package dev.parley.bench;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * The baseline: a bare Java-WebSocket server that sends every text message it receives to every
 * open connection, sender included, with no protocol, no decoding and no state of its own.
 *
 * <p>Socket options match the Parley transport (TCP_NODELAY, SO_REUSEADDR, daemon threads), so the
 * difference between the two is what Parley does per message. Thread-safe as Java-WebSocket is.
 */
public final class BaselineBroadcastServer extends WebSocketServer {
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    /** A server on {@code 127.0.0.1:port}; port 0 picks a free one. Call {@link #start()} next. */
    public BaselineBroadcastServer(int port) {
        super(new InetSocketAddress("127.0.0.1", port));
        setReuseAddr(true);
        setTcpNoDelay(true);
        setDaemon(true);
    }

    /** Completes once the server listens, or exceptionally when it cannot. */
    public CompletableFuture<Void> started() {
        return started;
    }

    @Override
    public void onStart() {
        started.complete(null);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        // nothing to greet with
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        broadcast(message);
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        broadcast(message);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        // nothing held per connection
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null) {
            started.completeExceptionally(ex);
        }
    }
}
