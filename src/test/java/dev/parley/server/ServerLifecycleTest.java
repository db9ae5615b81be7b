package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerMessage;
import dev.parley.testing.RawClient;
import dev.parley.testing.TestServers;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.Test;

/** Starting, stopping and restarting the server; configuration checks; idle connections. */
class ServerLifecycleTest {

    private static Set<String> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("parley-server-core") || n.startsWith("WebSocketSelector")
                        || n.startsWith("WebSocketWorker") || n.startsWith("WebSocketTimer")
                        || n.startsWith("connectionLostChecker"))
                .collect(Collectors.toSet());
    }

    @Test
    void closeTellsClientsReleasesThePortAndLeavesNoThreads() {
        Set<String> before = serverThreads();
        ParleyServer server = TestServers.start();
        int port = server.port();
        assertTrue(port > 0);
        assertEquals("ws://127.0.0.1:" + port, server.url());
        RawClient client = RawClient.connect(server);
        client.login("room", "alice", true);

        server.close();
        ServerMessage.KickedOut kicked = client.awaitPush(ServerMessage.KickedOut.class, k -> true);
        assertEquals(ErrorCode.ROOM_SERVER_SHUTDOWN.code(), kicked.code());
        assertEquals(CloseFrame.GOING_AWAY, client.awaitClose());
        server.close(); // a second close is harmless
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(() -> before.containsAll(serverThreads()));

        // restarted on the same port, clients log in again
        try (ParleyServer again = TestServers.start(b -> b.port(port));
             RawClient back = RawClient.connect(again)) {
            assertEquals(port, again.port());
            back.login("room", "alice", true);
            assertEquals(new ServerStats(1, 1, 0, 1), again.stats());
        }
        client.close();
    }

    @Test
    void aBusyPortFailsToStart() {
        try (ParleyServer server = TestServers.start()) {
            int port = server.port();
            assertThrows(java.io.UncheckedIOException.class, () -> TestServers.start(b -> b.port(port)).close());
            // the running server is unharmed
            try (RawClient c = RawClient.connect(server)) {
                c.login("room", "alice", true);
            }
        }
    }

    @Test
    void connectionThatNeverLogsInIsClosedAfterThePresenceTimeout() {
        try (ParleyServer server = TestServers.start(b -> b.heartbeatInterval(Duration.ofMillis(100))
                .presenceTimeout(Duration.ofMillis(500)));
             RawClient idle = RawClient.connect(server);
             RawClient member = RawClient.connect(server)) {
            member.login("room", "member", true);
            member.startHeartbeats(Duration.ofMillis(100));
            assertEquals(CloseFrame.POLICY_VALIDATION, idle.awaitClose());
            assertTrue(member.isOpen(), "a logged-in connection stays");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> server.stats().equals(new ServerStats(1, 1, 0, 1)));
        }
    }

    @Test
    void invalidConfigurationsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> TestServers.config().port(65536).build());
        assertThrows(IllegalArgumentException.class, () -> TestServers.config().port(-1).build());
        assertThrows(IllegalArgumentException.class, () -> TestServers.config()
                .heartbeatInterval(Duration.ofSeconds(5)).presenceTimeout(Duration.ofSeconds(5)).build());
        assertThrows(IllegalArgumentException.class, () -> TestServers.config().heartbeatInterval(Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class, () -> TestServers.config().historySize(15).build());
        assertThrows(IllegalArgumentException.class, () -> TestServers.config().defaultMaxMembers(0).build());
        assertThrows(IllegalArgumentException.class, () -> TestServers.config().requestRate(0, 10).build());
        assertThrows(IllegalArgumentException.class, () -> new AppCredentials(1, "short", "server-secret-0123456789"));
        assertThrows(IllegalArgumentException.class, () -> new AppCredentials(1, null, "short"));
        assertFalse(new AppCredentials(1, "app-sign-0123456789", "server-secret-0123456789").toString()
                .contains("0123456789"), "secrets stay out of logs");
    }
}
