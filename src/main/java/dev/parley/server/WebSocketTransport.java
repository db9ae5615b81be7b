package dev.parley.server;

import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.CodecException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Limits;
import dev.parley.protocol.MessageCodec;
import dev.parley.protocol.ServerMessage;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.DefaultSSLWebSocketServerFactory;
import org.java_websocket.server.DefaultWebSocketServerFactory;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java-WebSocket side of the server: accepts connections, caps frames at 64 KiB, rate-limits
 * and decodes each request on the connection's worker thread, and hands it to the core. Before
 * the library sees any input, {@link GuardedSocketFactory} admits each connection by its address
 * and {@link GuardedWebSocket} bounds and checks the upgrade request and every frame. It closes a
 * connection that does not complete its upgrade within the handshake timeout, that floods (1008,
 * after a run of refused requests) or that does not log in within the presence timeout (1008).
 *
 * <p>Java-WebSocket calls it on its selector and worker threads; no exception escapes unlogged.
 * The core calls the {@link Outbound} methods from its thread. Lives from {@link ParleyServer}'s
 * start to its close.
 */
final class WebSocketTransport extends WebSocketServer implements Outbound, GuardedWebSocket.Host {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketTransport.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long a flooding client has to answer the server's close frame before it is cut off. */
    static final Duration FLOOD_CLOSE_GRACE = Duration.ofSeconds(2);

    private final ServerConfig config;
    private final MessageCodec codec;
    private final Clock clock;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final ConnectionAdmission admission;
    /** Connections accepted that have not completed their upgrade; the library does not track them. */
    private final Set<GuardedWebSocket> beforeUpgrade = ConcurrentHashMap.newKeySet();
    private final AtomicLong handshakeBytes = new AtomicLong();
    private ServerCore core;

    /** A transport for plain ws, or wss when {@code ssl} is not null. */
    WebSocketTransport(ServerConfig config, MessageCodec codec, Clock clock, SSLContext ssl) {
        super(new InetSocketAddress(config.bindAddress(), config.port()),
                List.of(new Draft_6455(List.of(), Limits.MAX_FRAME_BYTES)));
        this.config = config;
        this.codec = codec;
        this.clock = clock;
        ConnectionLimits limits = config.connectionLimits();
        this.admission = new ConnectionAdmission(limits.maxPendingPerAddress(), limits.connectionsPerSecond(),
                limits.connectionBurst(), clock);
        WebSocketServerFactory channels = ssl == null ? new DefaultWebSocketServerFactory()
                : new DefaultSSLWebSocketServerFactory(ssl);
        setWebSocketFactory(new GuardedSocketFactory(channels, admission, this, limits.handshakeTimeout().toMillis()));
        setReuseAddr(true);
        setTcpNoDelay(true);
        setDaemon(true);
    }

    void core(ServerCore value) {
        this.core = value;
    }

    CompletableFuture<Void> started() {
        return started;
    }

    @Override
    public int maxHandshakeBytes() {
        return config.connectionLimits().maxHandshakeBytes();
    }

    @Override
    public void later(long delayMillis, Runnable task) {
        core.later(Duration.ofMillis(delayMillis), "connection guard", task);
    }

    @Override
    public AtomicLong handshakeBytes() {
        return handshakeBytes;
    }

    @Override
    public void accepted(GuardedWebSocket socket) {
        beforeUpgrade.add(socket);
    }

    @Override
    public void upgraded(GuardedWebSocket socket) {
        beforeUpgrade.remove(socket);
    }

    @Override
    public void closed(GuardedWebSocket socket) {
        beforeUpgrade.remove(socket);
    }

    /** Bytes of upgrade requests held by connections that have not completed their upgrade. */
    long handshakeBytesHeld() {
        return handshakeBytes.get();
    }

    /** Connections that are open but have not completed their upgrade. */
    int connectionsBeforeUpgrade() {
        return beforeUpgrade.size();
    }

    ConnectionAdmission admission() {
        return admission;
    }

    /** Closes the connections that never upgraded; the library's stop closes only upgraded ones. */
    void closeConnectionsBeforeUpgrade() {
        for (GuardedWebSocket socket : List.copyOf(beforeUpgrade)) {
            socket.closeBeforeUpgrade("server shutting down");
        }
    }

    @Override
    public void onStart() {
        started.complete(null);
    }

    @Override
    public void onOpen(WebSocket socket, ClientHandshake handshake) {
        try {
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            GuardedWebSocket guarded = (GuardedWebSocket) socket;
            ClientConnection connection = new ClientConnection(Base64.getUrlEncoder().withoutPadding().encodeToString(nonce),
                    String.valueOf(socket.getRemoteSocketAddress()),
                    new RateLimiter(config.requestsPerSecond(), config.requestBurst(), clock.millis()), socket,
                    guarded::loggedIn);
            socket.setAttachment(connection);
            socket.send(codec.encode(new ServerMessage.Welcome(MessageCodec.PROTOCOL_VERSION, connection.nonce(), clock.millis())));
            // A connection must log in (or resume) within the presence timeout, or it only holds resources.
            core.later(config.presenceTimeout(), "login deadline", () -> {
                if (!connection.everLoggedIn() && socket.isOpen()) {
                    LOG.info("closing {}: no login within {} ms", connection, config.presenceTimeout().toMillis());
                    socket.close(CloseFrame.POLICY_VALIDATION, "no login");
                }
            });
        } catch (WebsocketNotConnectedException e) {
            LOG.debug("{} closed right after its upgrade", socket.getRemoteSocketAddress());
        } catch (RuntimeException e) {
            LOG.error("failed to open {}", socket.getRemoteSocketAddress(), e);
            socket.close(CloseFrame.UNEXPECTED_CONDITION, "internal error");
        }
    }

    @Override
    public void onMessage(WebSocket socket, String text) {
        ClientConnection connection = socket.getAttachment();
        if (connection == null || connection.floodClosing()) {
            return;
        }
        try {
            if (text.length() > Limits.MAX_FRAME_BYTES) {
                socket.close(CloseFrame.TOOBIG, "message exceeds 64 KiB");
                return;
            }
            // Every frame, even a malformed one, takes a token; the request is decoded first so
            // that a refusal echoes its ID.
            boolean admitted = connection.admit(clock.millis());
            ClientMessage request;
            try {
                request = codec.decodeClient(text);
            } catch (CodecException e) {
                refuse(socket, connection, e.requestId(), admitted ? e.error() : ErrorCode.COMMON_RATE_LIMITED);
                return;
            }
            if (!admitted) {
                refuse(socket, connection, request.id(), ErrorCode.COMMON_RATE_LIMITED);
                return;
            }
            core.request(connection, request);
        } catch (RuntimeException e) {
            LOG.error("failed to handle a message from {}", connection, e);
            send(connection, codec.encode(ServerMessage.Ack.error(0, ErrorCode.COMMON_INTERNAL_ERROR)));
        }
    }

    @Override
    public void onMessage(WebSocket socket, ByteBuffer bytes) {
        ClientConnection connection = socket.getAttachment();
        if (connection == null || connection.floodClosing()) {
            return;
        }
        try {
            boolean admitted = connection.admit(clock.millis());
            refuse(socket, connection, 0, admitted ? ErrorCode.COMMON_MALFORMED_MESSAGE : ErrorCode.COMMON_RATE_LIMITED);
        } catch (RuntimeException e) {
            LOG.error("failed to refuse a binary message from {}", connection, e);
        }
    }

    /** Replies with an error, or closes the connection once it has had too many refusals in a run. */
    private void refuse(WebSocket socket, ClientConnection connection, long requestId, ErrorCode error) {
        int inARun = connection.refused(clock.millis());
        if (inARun >= config.floodCloseAfter()) {
            closeForFlood(socket, connection, inARun);
            return;
        }
        send(connection, codec.encode(ServerMessage.Ack.error(requestId, error)));
    }

    /**
     * Starts the close handshake with 1008 but keeps reading (and ignoring) the client's input
     * until it answers: closing the TCP connection while the flood is still arriving would reset
     * it, and the reset would destroy the close frame and the replies before it. A client that
     * does not answer within {@link #FLOOD_CLOSE_GRACE} is closed anyway.
     */
    private void closeForFlood(WebSocket socket, ClientConnection connection, int refusals) {
        if (!connection.startFloodClose()) {
            return;
        }
        LOG.warn("closing {}: {} refused requests in a run", connection, refusals);
        CloseFrame frame = new CloseFrame();
        frame.setCode(CloseFrame.POLICY_VALIDATION);
        frame.setReason("flood");
        try {
            socket.sendFrame(frame);
        } catch (WebsocketNotConnectedException e) {
            return;
        }
        // the close frame is out already, so a client that ignores it is simply disconnected
        core.later(FLOOD_CLOSE_GRACE, "flood close", () -> socket.closeConnection(CloseFrame.POLICY_VALIDATION, "flood"));
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason, boolean remote) {
        ClientConnection connection = socket.getAttachment();
        if (connection != null && core != null) {
            core.closed(connection);
        }
    }

    @Override
    public void onError(WebSocket socket, Exception error) {
        if (socket == null) {
            LOG.error("server socket failed", error);
            started.completeExceptionally(error);
        } else {
            LOG.warn("closing connection from {}: {}", socket.getRemoteSocketAddress(), error.getMessage() == null
                    ? error.getClass().getSimpleName() : error.getMessage());
        }
    }

    @Override
    public void send(ClientConnection to, String text) {
        try {
            ((WebSocket) to.transportHandle()).send(text);
        } catch (WebsocketNotConnectedException e) {
            // the client is gone; its session waits for a resume
        }
    }

    @Override
    public void sendToAll(String text, Collection<ClientConnection> to) {
        List<WebSocket> sockets = new ArrayList<>(to.size());
        for (ClientConnection c : to) {
            sockets.add((WebSocket) c.transportHandle());
        }
        super.broadcast(text, sockets);
    }

    @Override
    public void close(ClientConnection connection, int closeCode, String reason) {
        ((WebSocket) connection.transportHandle()).close(closeCode, reason);
    }
}
