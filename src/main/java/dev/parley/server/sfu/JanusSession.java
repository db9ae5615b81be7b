package dev.parley.server.sfu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Janus session on its own {@link JanusConnection}, kept alive with a keepalive every 20 s
 * (Janus ends sessions silent for its 60 s {@code session_timeout}), with the handles attached in
 * it and the routing of each handle's events.
 *
 * <p>Thread-safe. Lives from {@link #open} until {@link #close()} or the loss of the connection
 * or of the session ({@link Lifecycle#onLost}).
 */
public final class JanusSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JanusSession.class);
    static final Duration KEEPALIVE = Duration.ofSeconds(20);
    private static final JanusHandle.Events IGNORE = message -> { };

    /** The session as a whole. */
    public interface Lifecycle {
        /** The connection or the session is gone (Janus stopped, or timed the session out). */
        void onLost(String reason);
    }

    private final JanusConnection connection;
    private final long id;
    private final Map<Long, JanusHandle.Events> handles = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> keepalive;
    private volatile boolean closed;

    private JanusSession(JanusConnection connection, long id) {
        this.connection = connection;
        this.id = id;
    }

    /** Connects to Janus's API and creates a session there. */
    public static CompletableFuture<JanusSession> open(JanusEndpoint endpoint, Duration timeout,
                                                       ScheduledExecutorService timer, Lifecycle lifecycle) {
        JanusSession[] holder = new JanusSession[1];
        JanusConnection.Listener listener = new JanusConnection.Listener() {
            @Override
            public void onEvent(JsonNode message) {
                JanusSession session = holder[0];
                if (session != null) {
                    session.route(message, lifecycle);
                }
            }

            @Override
            public void onClosed(String reason) {
                JanusSession session = holder[0];
                if (session != null && !session.closed) {
                    session.stopKeepalive();
                    lifecycle.onLost("the connection to Janus " + reason);
                }
            }
        };
        return JanusConnection.open(endpoint.api(), JanusConnection.Api.API, endpoint.apiSecret(), timeout, timer, listener)
                .thenCompose(connection -> connection.request(JanusConnection.message("create"))
                        .thenApply(created -> {
                            JanusSession session = new JanusSession(connection, created.path("data").path("id").asLong());
                            holder[0] = session;
                            session.keepalive = timer.scheduleWithFixedDelay(session::sendKeepalive,
                                    KEEPALIVE.toMillis(), KEEPALIVE.toMillis(), TimeUnit.MILLISECONDS);
                            return session;
                        })
                        .whenComplete((session, error) -> {
                            if (error != null) {
                                connection.close();
                            }
                        }));
    }

    public long id() {
        return id;
    }

    JanusConnection connection() {
        return connection;
    }

    /** Attaches a handle to the VideoRoom plugin whose events go to {@code events}. */
    public CompletableFuture<JanusHandle> attachVideoRoom(JanusHandle.Events events) {
        ObjectNode attach = JanusConnection.message("attach");
        attach.put("session_id", id);
        attach.put("plugin", "janus.plugin.videoroom");
        return connection.request(attach).thenApply(reply -> {
            long handleId = reply.path("data").path("id").asLong();
            handles.put(handleId, events);
            return new JanusHandle(this, handleId);
        });
    }

    /** A request about this session's handle {@code handleId}. */
    ObjectNode handleMessage(String verb, long handleId) {
        ObjectNode m = JanusConnection.message(verb);
        m.put("session_id", id);
        m.put("handle_id", handleId);
        return m;
    }

    /** Stops routing a handle's events (it is being detached). */
    void forget(long handleId) {
        handles.put(handleId, IGNORE);
    }

    private void route(JsonNode message, Lifecycle lifecycle) {
        String verb = message.path("janus").asText();
        if (verb.equals("timeout")) {
            LOG.warn("Janus timed out session {}", id);
            stopKeepalive();
            lifecycle.onLost("Janus timed the session out");
            return;
        }
        long sender = message.path("sender").asLong(0);
        JanusHandle.Events events = handles.get(sender);
        if (events == null) {
            LOG.debug("Janus {} for a handle not known here: {}", verb, sender);
            return;
        }
        if (verb.equals("detached")) {
            handles.remove(sender);
        }
        events.onEvent(message);
    }

    private void sendKeepalive() {
        ObjectNode m = JanusConnection.message("keepalive");
        m.put("session_id", id);
        connection.request(m).whenComplete((reply, error) -> {
            if (error != null && !closed) {
                LOG.warn("Janus keepalive failed: {}", error.getMessage());
            }
        });
    }

    private void stopKeepalive() {
        ScheduledFuture<?> k = keepalive;
        if (k != null) {
            k.cancel(false);
        }
    }

    /** Destroys the session in Janus (which detaches its handles) and closes the connection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopKeepalive();
        ObjectNode destroy = JanusConnection.message("destroy");
        destroy.put("session_id", id);
        connection.request(destroy).orTimeout(2, TimeUnit.SECONDS).whenComplete((r, e) -> connection.close());
    }
}
