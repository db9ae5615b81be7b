package dev.parley.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the server's connections {@link GuardedWebSocket}s and decides, as each TCP connection
 * is accepted, whether its address may open one now ({@link ConnectionAdmission}). A refused
 * connection is closed at once, before any of its input is read, with one line in the log.
 * TLS, when configured, is layered by the wrapped factory.
 *
 * <p>Called by Java-WebSocket on its selector thread.
 */
final class GuardedSocketFactory implements WebSocketServerFactory {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedSocketFactory.class);

    private final WebSocketServerFactory channels;
    private final ConnectionAdmission admission;
    private final GuardedWebSocket.Host host;
    private final long handshakeTimeoutMillis;

    GuardedSocketFactory(WebSocketServerFactory channels, ConnectionAdmission admission, GuardedWebSocket.Host host,
                         long handshakeTimeoutMillis) {
        this.channels = channels;
        this.admission = admission;
        this.host = host;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    @Override
    public WebSocketImpl createWebSocket(WebSocketAdapter listener, Draft draft) {
        return new GuardedWebSocket(listener, List.of(draft), host);
    }

    @Override
    public WebSocketImpl createWebSocket(WebSocketAdapter listener, List<Draft> drafts) {
        return new GuardedWebSocket(listener, drafts, host);
    }

    @Override
    public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) throws IOException {
        InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
        ConnectionAdmission.Decision decision = admission.admit(remote.getAddress());
        if (decision.ticket() == null) {
            LOG.warn("refused connection from {}: {}", remote, decision.refusal().description());
            // the server closes the channel when this throws
            throw new IOException("connection refused: " + decision.refusal().description());
        }
        GuardedWebSocket socket = (GuardedWebSocket) key.attachment();
        socket.admitted(decision.ticket(), remote.toString());
        host.accepted(socket);
        host.later(handshakeTimeoutMillis, () -> socket.closeBeforeUpgrade(
                "no WebSocket upgrade within " + handshakeTimeoutMillis + " ms"));
        try {
            return channels.wrapChannel(channel, key);
        } catch (IOException | RuntimeException e) {
            decision.ticket().release();
            throw e;
        }
    }

    @Override
    public void close() {
        channels.close();
    }
}
