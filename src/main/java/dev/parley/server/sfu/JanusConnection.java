package dev.parley.server.sfu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.protocols.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket to the Janus API (subprotocol {@code janus-protocol}) and the transactions on it.
 * Every request carries a transaction and the API secret; its future completes with Janus's
 * answer, with a {@link JanusException} for an error (Janus's own, or a VideoRoom plugin error,
 * which Janus reports as success with an {@code error_code}), or after the transaction timeout.
 * Plugin requests that Janus handles asynchronously (join, publish, configure, start, ...)
 * complete with their event, whether it comes before or after Janus's ack. Messages that belong
 * to no transaction ({@code webrtcup}, {@code media}, {@code slowlink}, {@code hangup},
 * {@code detached}, plugin events, {@code timeout}) go to the {@link Listener}.
 *
 * <p>Thread-safe. Futures complete and the listener runs on the WebSocket's reading thread or
 * the timer's; callers hand their work to their own threads. Lives from {@link #open} until
 * {@link #close()} or the socket's loss, after which every pending request fails.
 */
public final class JanusConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JanusConnection.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Plugin requests that Janus acks at once and answers later with an event. */
    private static final Set<String> ASYNC_REQUESTS = Set.of("join", "joinandconfigure", "configure", "publish",
            "unpublish", "start", "pause", "switch", "leave", "subscribe", "unsubscribe", "update");

    /** Which of Janus's two WebSocket APIs a connection speaks, and how it carries its secret. */
    public enum Api {
        /** Sessions, handles and plugin messages, with the {@code api_secret}. */
        API("janus-protocol", "apisecret"),
        /** Inspection ({@code list_sessions}, {@code list_handles}, ...), with the {@code admin_secret}. */
        ADMIN("janus-admin-protocol", "admin_secret");

        private final String subprotocol;
        private final String secretField;

        Api(String subprotocol, String secretField) {
            this.subprotocol = subprotocol;
            this.secretField = secretField;
        }
    }

    /** What arrives outside any transaction. */
    public interface Listener {
        /** A message about a handle ({@code sender}) or a session; {@code message.get("janus")} names it. */
        void onEvent(JsonNode message);

        /** The socket closed; every request pending on it has failed. */
        void onClosed(String reason);
    }

    private record Pending(CompletableFuture<JsonNode> future, boolean waitsForEvent) {
    }

    private final Socket socket;
    private final Api api;
    private final String secret;
    private final Duration timeout;
    private final ScheduledExecutorService timer;
    private final Listener listener;
    private final AtomicLong transactions = new AtomicLong();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<JanusConnection> opened = new CompletableFuture<>();
    private volatile boolean closed;

    private final class Socket extends WebSocketClient {
        Socket(URI uri, String subprotocol) {
            super(uri, new Draft_6455(List.of(), List.of(new Protocol(subprotocol))));
            setConnectionLostTimeout(0);
            setTcpNoDelay(true);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            opened.complete(JanusConnection.this);
        }

        @Override
        public void onMessage(String text) {
            received(text);
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            lost("closed (" + code + (reason == null || reason.isEmpty() ? "" : ", " + reason) + ")");
        }

        @Override
        public void onError(Exception e) {
            LOG.debug("Janus socket error: {}", e.toString());
        }
    }

    private JanusConnection(URI uri, Api api, String secret, Duration timeout,
                            ScheduledExecutorService timer, Listener listener) {
        this.socket = new Socket(uri, api.subprotocol);
        this.api = api;
        this.secret = secret;
        this.timeout = timeout;
        this.timer = timer;
        this.listener = listener;
    }

    /** Opens a connection to one of Janus's APIs; {@code secret} is that API's secret, or null for none. */
    public static CompletableFuture<JanusConnection> open(URI uri, Api api, String secret, Duration timeout,
                                                          ScheduledExecutorService timer, Listener listener) {
        JanusConnection connection = new JanusConnection(uri, api, secret, timeout, timer, listener);
        connection.socket.connect();
        timer.schedule(() -> {
            if (connection.opened.completeExceptionally(new JanusException(JanusException.TIMEOUT,
                    "cannot connect to Janus at " + uri))) {
                connection.close();
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        return connection.opened;
    }

    public boolean isOpen() {
        return socket.isOpen() && !closed;
    }

    /** A request object with its {@code janus} verb, ready for fields; sent with {@link #request}. */
    public static ObjectNode message(String verb) {
        ObjectNode node = JSON.createObjectNode();
        node.put("janus", verb);
        return node;
    }

    /**
     * Sends a request (a {@link #message}) and completes with Janus's answer: for a plugin
     * request that Janus handles asynchronously, the event that ends it.
     */
    public CompletableFuture<JsonNode> request(ObjectNode message) {
        String transaction = Long.toString(transactions.incrementAndGet(), 36);
        message.put("transaction", transaction);
        if (secret != null) {
            message.put(api.secretField, secret);
        }
        boolean waitsForEvent = "message".equals(message.path("janus").asText())
                && ASYNC_REQUESTS.contains(message.path("body").path("request").asText());
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        pending.put(transaction, new Pending(future, waitsForEvent));
        if (closed) {
            fail(transaction, new JanusException(JanusException.DISCONNECTED, "the connection to Janus is closed"));
            return future;
        }
        timer.schedule(() -> fail(transaction, new JanusException(JanusException.TIMEOUT,
                "Janus did not answer " + describe(message) + " within " + timeout.toMillis() + " ms")),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            socket.send(message.toString());
        } catch (RuntimeException e) {
            fail(transaction, new JanusException(JanusException.DISCONNECTED, "cannot send to Janus: " + e));
        }
        return future;
    }

    private static String describe(ObjectNode message) {
        String verb = message.path("janus").asText();
        String request = message.path("body").path("request").asText();
        return request.isEmpty() ? verb : verb + " " + request;
    }

    private void fail(String transaction, JanusException error) {
        Pending p = pending.remove(transaction);
        if (p != null) {
            p.future().completeExceptionally(error);
        }
    }

    private void received(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (Exception e) {
            LOG.warn("Janus sent something that is not JSON: {}", text.length() > 200 ? text.substring(0, 200) : text);
            return;
        }
        String verb = message.path("janus").asText();
        String transaction = message.path("transaction").asText(null);
        Pending p = transaction == null ? null : pending.get(transaction);
        if (p == null) {
            if (!verb.equals("ack")) {
                dispatch(message);
            }
            return;
        }
        switch (verb) {
            case "ack" -> {
                if (!p.waitsForEvent()) {
                    complete(transaction, message);
                }
            }
            case "error" -> {
                JsonNode error = message.path("error");
                fail(transaction, new JanusException(error.path("code").asInt(), error.path("reason").asText("error")));
            }
            case "success", "event" -> {
                JsonNode data = message.path("plugindata").path("data");
                if (data.has("error_code")) {
                    fail(transaction, new JanusException(data.path("error_code").asInt(), data.path("error").asText("plugin error")));
                } else {
                    complete(transaction, message);
                }
            }
            default -> complete(transaction, message);
        }
    }

    private void complete(String transaction, JsonNode message) {
        Pending p = pending.remove(transaction);
        if (p != null) {
            p.future().complete(message);
        }
    }

    private void dispatch(JsonNode message) {
        try {
            listener.onEvent(message);
        } catch (RuntimeException e) {
            LOG.error("handling a Janus event failed: {}", message, e);
        }
    }

    private void lost(String reason) {
        closed = true;
        opened.completeExceptionally(new JanusException(JanusException.DISCONNECTED, "Janus " + reason));
        for (String transaction : List.copyOf(pending.keySet())) {
            fail(transaction, new JanusException(JanusException.DISCONNECTED, "Janus " + reason));
        }
        try {
            listener.onClosed(reason);
        } catch (RuntimeException e) {
            LOG.error("handling the loss of Janus failed", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
    }
}
