package dev.parley.engine.internal.signaling;

import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.CodecException;
import dev.parley.protocol.Limits;
import dev.parley.protocol.MessageCodec;
import dev.parley.protocol.ServerMessage;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection to the room server (Java-WebSocket). Decodes on the socket thread and
 * hands every message, and the close, to the engine loop through its listener.
 *
 * <p>Thread-safe. One instance per connection attempt: open once, close once.
 */
final class WebSocketConnection implements ServerConnection {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketConnection.class);

    private final MessageCodec codec;
    private final Executor loop;
    private final Listener listener;
    private final Client client;
    private final AtomicBoolean closedReported = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    WebSocketConnection(URI uri, SSLContext sslContext, int connectTimeoutMillis, MessageCodec codec, Executor loop,
                        Listener listener) {
        this.codec = codec;
        this.loop = loop;
        this.listener = listener;
        this.client = new Client(uri, connectTimeoutMillis);
        client.setConnectionLostTimeout(0);
        client.setTcpNoDelay(true);
        client.setDaemon(true);
        if ("wss".equals(uri.getScheme())) {
            try {
                SSLContext context = sslContext != null ? sslContext : SSLContext.getDefault();
                client.setSocketFactory(context.getSocketFactory());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("no TLS support", e);
            }
        }
    }

    void open() {
        client.connect();
    }

    @Override
    public void send(ClientMessage message) {
        try {
            client.send(codec.encode(message));
        } catch (WebsocketNotConnectedException e) {
            LOG.debug("dropped {}: not connected", message.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public void abort() {
        client.closeConnection(1006, "connection presumed dead");
    }

    @Override
    public void closeAndAwait(long millis) {
        client.close();
        try {
            if (!closed.await(millis, TimeUnit.MILLISECONDS)) {
                abort();
                closed.await(millis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean closed() {
        return closed.getCount() == 0;
    }

    private void reportClosed(int code, String reason) {
        if (closedReported.compareAndSet(false, true)) {
            loop.execute(() -> listener.onClosed(this, code, reason));
        }
    }

    private final class Client extends WebSocketClient {
        Client(URI uri, int connectTimeoutMillis) {
            super(uri, new Draft_6455(List.of(), Limits.MAX_FRAME_BYTES), null, connectTimeoutMillis);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            // the server speaks first with its welcome
        }

        @Override
        public void onMessage(String text) {
            try {
                ServerMessage message = codec.decodeServer(text);
                loop.execute(() -> listener.onMessage(WebSocketConnection.this, message));
            } catch (CodecException e) {
                LOG.warn("ignored a message the server should not have sent: {}", e.getMessage());
            } catch (RejectedExecutionException e) {
                LOG.debug("engine stopped; message dropped");
            }
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            try {
                reportClosed(code, reason);
            } catch (RejectedExecutionException e) {
                LOG.debug("engine stopped; close not reported");
            } finally {
                closed.countDown();
            }
        }

        @Override
        public void onError(Exception error) {
            LOG.warn("signaling connection to {} failed: {}", getURI(), error.toString());
        }
    }
}
