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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java-WebSocket side of the server: accepts connections, caps frames at 64 KiB, rate-limits
 * and decodes each request on the connection's worker thread, and hands it to the core.
 *
 * <p>Java-WebSocket calls it on its selector and worker threads; no exception escapes unlogged.
 */
final class WebSocketTransport extends WebSocketServer implements Outbound {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketTransport.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerConfig config;
    private final MessageCodec codec;
    private final Clock clock;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private ServerCore core;

    WebSocketTransport(ServerConfig config, MessageCodec codec, Clock clock) {
        super(new InetSocketAddress(config.bindAddress(), config.port()),
                List.of(new Draft_6455(List.of(), Limits.MAX_FRAME_BYTES)));
        this.config = config;
        this.codec = codec;
        this.clock = clock;
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
    public void onStart() {
        started.complete(null);
    }

    @Override
    public void onOpen(WebSocket socket, ClientHandshake handshake) {
        try {
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            ClientConnection connection = new ClientConnection(Base64.getUrlEncoder().withoutPadding().encodeToString(nonce),
                    String.valueOf(socket.getRemoteSocketAddress()),
                    new RateLimiter(config.requestsPerSecond(), config.requestBurst(), clock.millis()), socket);
            socket.setAttachment(connection);
            socket.send(codec.encode(new ServerMessage.Welcome(MessageCodec.PROTOCOL_VERSION, connection.nonce(), clock.millis())));
        } catch (RuntimeException e) {
            LOG.error("failed to open {}", socket.getRemoteSocketAddress(), e);
            socket.close(CloseFrame.UNEXPECTED_CONDITION, "internal error");
        }
    }

    @Override
    public void onMessage(WebSocket socket, String text) {
        ClientConnection connection = socket.getAttachment();
        if (connection == null) {
            return;
        }
        try {
            if (text.length() > Limits.MAX_FRAME_BYTES) {
                socket.close(CloseFrame.TOOBIG, "message exceeds 64 KiB");
                return;
            }
            if (!connection.admit(clock.millis())) {
                refuse(socket, connection, 0, ErrorCode.COMMON_RATE_LIMITED);
                return;
            }
            ClientMessage request;
            try {
                request = codec.decodeClient(text);
            } catch (CodecException e) {
                refuse(socket, connection, e.requestId(), e.error());
                return;
            }
            connection.accepted();
            core.request(connection, request);
        } catch (RuntimeException e) {
            LOG.error("failed to handle a message from {}", connection, e);
            send(connection, codec.encode(ServerMessage.Ack.error(0, ErrorCode.COMMON_INTERNAL_ERROR)));
        }
    }

    @Override
    public void onMessage(WebSocket socket, ByteBuffer bytes) {
        ClientConnection connection = socket.getAttachment();
        if (connection != null) {
            refuse(socket, connection, 0, ErrorCode.COMMON_MALFORMED_MESSAGE);
        }
    }

    private void refuse(WebSocket socket, ClientConnection connection, long requestId, ErrorCode error) {
        int inARow = connection.refused();
        if (inARow >= config.floodCloseAfter()) {
            LOG.warn("closing {}: {} refused requests in a row", connection, inARow);
            socket.close(CloseFrame.POLICY_VALIDATION, "flood");
            return;
        }
        send(connection, codec.encode(ServerMessage.Ack.error(requestId, error)));
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
            LOG.warn("connection {} failed: {}", socket.getRemoteSocketAddress(), error.toString());
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
