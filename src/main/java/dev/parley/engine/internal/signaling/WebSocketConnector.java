package dev.parley.engine.internal.signaling;

import dev.parley.protocol.MessageCodec;
import java.net.URI;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;

/**
 * Opens WebSocket connections to room server nodes ({@code ws://} or {@code wss://}), handing their
 * events to the engine loop.
 *
 * <p>Thread-safe and stateless apart from its settings; one per engine.
 */
public final class WebSocketConnector implements Connector {
    private static final MessageCodec CODEC = new MessageCodec();

    private final SSLContext sslContext;
    private final int connectTimeoutMillis;
    private final Executor loop;

    /** @param sslContext trust for wss, or null for the JVM's default */
    public WebSocketConnector(SSLContext sslContext, int connectTimeoutMillis, Executor loop) {
        this.sslContext = sslContext;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.loop = loop;
    }

    @Override
    public ServerConnection connect(URI uri, ServerConnection.Listener listener) {
        WebSocketConnection connection = new WebSocketConnection(uri, sslContext, connectTimeoutMillis, CODEC, loop,
                listener);
        connection.open();
        return connection;
    }
}
