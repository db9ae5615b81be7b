package dev.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.server.sfu.JanusConnection;
import dev.parley.server.sfu.JanusEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Janus's admin API for tests: the sessions and handles Janus holds, and what it knows about a
 * handle. Each call opens a connection of its own. Thread-safe.
 */
public final class JanusAdmin {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "janus-admin-timer");
        t.setDaemon(true);
        return t;
    });
    private static final JanusConnection.Listener IGNORE = new JanusConnection.Listener() {
        @Override
        public void onEvent(JsonNode message) {
        }

        @Override
        public void onClosed(String reason) {
        }
    };

    private final JanusEndpoint endpoint;

    public JanusAdmin(JanusEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    private JsonNode request(ObjectNode message) {
        try (JanusConnection c = JanusConnection.open(endpoint.admin(), JanusConnection.Api.ADMIN, endpoint.adminSecret(),
                Duration.ofSeconds(5), TIMER, IGNORE).get(5, TimeUnit.SECONDS)) {
            return c.request(message).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("Janus admin request failed: " + message, e);
        }
    }

    /** Every handle of every session Janus holds now. */
    public List<Long> handles() {
        List<Long> handles = new ArrayList<>();
        for (JsonNode session : request(JanusConnection.message("list_sessions")).path("sessions")) {
            ObjectNode list = JanusConnection.message("list_handles");
            list.put("session_id", session.asLong());
            for (JsonNode handle : request(list).path("handles")) {
                handles.add(handle.asLong());
            }
        }
        return handles;
    }

    /** What Janus knows about one handle ({@code handle_info}). */
    public JsonNode handleInfo(long sessionId, long handleId) {
        ObjectNode info = JanusConnection.message("handle_info");
        info.put("session_id", sessionId);
        info.put("handle_id", handleId);
        return request(info).path("info");
    }

    /** Every handle's info, for diagnostics. */
    public List<JsonNode> allHandleInfo() {
        List<JsonNode> infos = new ArrayList<>();
        for (JsonNode session : request(JanusConnection.message("list_sessions")).path("sessions")) {
            ObjectNode list = JanusConnection.message("list_handles");
            list.put("session_id", session.asLong());
            for (JsonNode handle : request(list).path("handles")) {
                infos.add(handleInfo(session.asLong(), handle.asLong()));
            }
        }
        return infos;
    }
}
