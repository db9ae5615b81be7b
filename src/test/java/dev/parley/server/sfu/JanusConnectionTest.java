package dev.parley.server.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.TestJanus;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Janus manager and connection against a real Janus started by the manager. */
class JanusConnectionTest {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor();
    private static JanusProcess janus;

    private static final JanusConnection.Listener IGNORE = new JanusConnection.Listener() {
        @Override
        public void onEvent(JsonNode message) {
        }

        @Override
        public void onClosed(String reason) {
        }
    };

    @BeforeAll
    static void start() throws Exception {
        TestJanus.assumeAvailable();
        janus = JanusProcess.start(TestJanus.config(), TIMER);
    }

    @AfterAll
    static void stop() {
        if (janus != null) {
            janus.stop();
        }
        TIMER.shutdownNow();
    }

    private static JanusConnection connect(String secret) throws Exception {
        return JanusConnection.open(janus.endpoint().api(), JanusConnection.Api.API, secret, Duration.ofSeconds(5), TIMER,
                IGNORE).get(5, TimeUnit.SECONDS);
    }

    @Test
    void sessionsHandlesAndRoomsWork() throws Exception {
        try (JanusConnection c = connect(janus.endpoint().apiSecret())) {
            long session = c.request(JanusConnection.message("create")).get(5, TimeUnit.SECONDS).path("data").path("id").asLong();
            ObjectNode attach = JanusConnection.message("attach");
            attach.put("session_id", session);
            attach.put("plugin", "janus.plugin.videoroom");
            long handle = c.request(attach).get(5, TimeUnit.SECONDS).path("data").path("id").asLong();
            assertTrue(handle > 0);

            ObjectNode create = JanusConnection.message("message");
            create.put("session_id", session);
            create.put("handle_id", handle);
            ObjectNode body = create.putObject("body");
            body.put("request", "create");
            body.put("room", "parley-test-room");
            body.put("is_private", true);
            body.put("admin_key", janus.endpoint().adminKey());
            JsonNode created = c.request(create).get(5, TimeUnit.SECONDS);
            assertEquals("created", created.path("plugindata").path("data").path("videoroom").asText());

            // a plugin error comes back as a failed future with the plugin's code
            ObjectNode again = create.deepCopy();
            ExecutionException exists = assertThrows(ExecutionException.class, () -> c.request(again).get(5, TimeUnit.SECONDS));
            assertEquals(427, ((JanusException) exists.getCause()).code());

            ObjectNode noKey = create.deepCopy();
            ((ObjectNode) noKey.get("body")).put("room", "other").remove("admin_key");
            ExecutionException refused = assertThrows(ExecutionException.class, () -> c.request(noKey).get(5, TimeUnit.SECONDS));
            assertEquals(429, ((JanusException) refused.getCause()).code());
        }
    }

    @Test
    void requestsWithoutTheApiSecretAreRefused() throws Exception {
        try (JanusConnection c = connect(null)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> c.request(JanusConnection.message("create")).get(5, TimeUnit.SECONDS));
            assertEquals(403, ((JanusException) e.getCause()).code());
        }
        try (JanusConnection c = connect("wrong")) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> c.request(JanusConnection.message("create")).get(5, TimeUnit.SECONDS));
            assertEquals(403, ((JanusException) e.getCause()).code());
        }
    }

    @Test
    void theApisCannotBeReachedBeyondLoopback() {
        for (java.net.URI uri : java.util.List.of(janus.endpoint().api(), janus.endpoint().admin())) {
            java.net.URI outside = java.net.URI.create("ws://" + TestJanus.MEDIA_ADDRESS + ":" + uri.getPort());
            ExecutionException e = assertThrows(ExecutionException.class, () -> JanusConnection.open(outside,
                    JanusConnection.Api.API, janus.endpoint().apiSecret(), Duration.ofSeconds(2), TIMER, IGNORE)
                    .get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof JanusException, e.toString());
        }
    }

    @Test
    void theStartedJanusRunsItsHandlesOnOneEventLoopPerCore() throws Exception {
        try (JanusConnection c = connect(janus.endpoint().apiSecret())) {
            JsonNode info = c.request(JanusConnection.message("info")).get(5, TimeUnit.SECONDS);
            assertEquals(Runtime.getRuntime().availableProcessors(), info.path("static-event-loops").asInt(), info.toString());
        }
    }
}
