package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ServerMessage;
import dev.parley.testing.LogCapture;
import dev.parley.testing.RawClient;
import dev.parley.testing.RawClients;
import dev.parley.testing.RawSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Clients that attack the transport itself, over raw TCP sockets: endless or oversized upgrade
 * requests, connections that never upgrade, too many or too fast connections from one address,
 * upgrade requests that break RFC 6455, and broken frames after the upgrade. Each is refused or
 * closed with the status the rules give, the server holds a bounded number of bytes for it, it
 * logs one line per refused connection and never a stack trace, and a room next door keeps
 * exchanging messages within 100 ms throughout.
 */
class HostileClientTest {
    private final List<RawSocket> sockets = new ArrayList<>();
    private final RawClients clients = new RawClients();
    private ParleyServer server;

    private void start(UnaryOperator<ConnectionLimits> limits) {
        server = clients.start(b -> b.presenceTimeout(Duration.ofSeconds(30))
                .connectionLimits(limits.apply(ConnectionLimits.DEFAULT)));
    }

    @AfterEach
    void stop() {
        sockets.forEach(RawSocket::close);
        clients.close();
    }

    private RawSocket socket() {
        RawSocket socket = RawSocket.connect("127.0.0.1", server.port());
        sockets.add(socket);
        return socket;
    }

    /**
     * Two clients in a room of their own; one sends the other a custom command every 20 ms
     * carrying its send time, and {@link #assertAllArrivedWithin} checks the arrivals.
     */
    private final class MessageProbe implements AutoCloseable {
        private final RawClient sender = clients.connect(server);
        private final RawClient receiver = clients.connect(server);
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong sent = new AtomicLong();
        private final AtomicBoolean failed = new AtomicBoolean();

        MessageProbe() {
            sender.login("next-door", "probe-sender", false);
            receiver.login("next-door", "probe-receiver", false);
            timer.scheduleAtFixedRate(() -> {
                try {
                    sender.send(new ClientMessage.SendCustomCommand(sender.nextId(), List.of("probe-receiver"),
                            Long.toString(System.currentTimeMillis())));
                    sent.incrementAndGet();
                } catch (RuntimeException e) {
                    failed.set(true);
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
        }

        /**
         * Every message arrived, 95 % of them within {@code limit} and none later than five times
         * it: the attackers' threads share this JVM's two cores with the server, so a scheduling
         * hiccup may delay one message, where a stalled server delays them all by seconds.
         */
        void assertAllArrivedWithin(Duration limit) {
            timer.shutdownNow();
            assertFalse(failed.get(), "the probe could not send");
            long expected = sent.get();
            assertTrue(expected >= 3, "the probe sent " + expected + " messages");
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> receiver.all(ServerMessage.CustomCommandReceived.class).size() >= expected);
            List<Long> delays = new ArrayList<>();
            for (ServerMessage.CustomCommandReceived got : receiver.all(ServerMessage.CustomCommandReceived.class)) {
                delays.add(receiver.arrivalMillis(got) - Long.parseLong(got.command()));
            }
            Collections.sort(delays);
            long p95 = delays.get((int) Math.ceil(delays.size() * 0.95) - 1);
            long worst = delays.get(delays.size() - 1);
            assertTrue(p95 <= limit.toMillis(), "95 % of the messages next door took up to " + p95 + " ms, more than "
                    + limit + " (" + delays.size() + " messages, worst " + worst + " ms)");
            assertTrue(worst <= 5 * limit.toMillis(), "a message next door took " + worst + " ms");
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    @Test
    void endlessUpgradeHeadersAreCutAtTheLimitWhileAnotherRoomKeepsTalking() throws Exception {
        start(UnaryOperator.identity());
        int attackers = 8;
        int bytesEach = 3 * 1024 * 1024;
        try (MessageProbe probe = new MessageProbe()) {
            List<Thread> writers = new ArrayList<>();
            List<RawSocket> hostile = new ArrayList<>();
            ConcurrentHashMap<RawSocket, Long> written = new ConcurrentHashMap<>();
            for (int i = 0; i < attackers; i++) {
                RawSocket s = socket();
                hostile.add(s);
                Thread writer = new Thread(() -> written.put(s, writeEndlessHead(s, bytesEach)), "hostile-writer-" + i);
                writer.start();
                writers.add(writer);
            }
            long worstHeld = 0;
            for (Thread writer : writers) {
                while (writer.isAlive()) {
                    worstHeld = Math.max(worstHeld, server.upgradeBacklog().bytes());
                    writer.join(5);
                }
            }
            for (RawSocket s : hostile) {
                assertTrue(s.awaitClosedByServer(Duration.ofSeconds(5)),
                        "the server kept reading an endless request head (" + written.get(s) + " bytes sent)");
            }
            assertTrue(worstHeld <= (long) attackers * ConnectionLimits.DEFAULT.maxHandshakeBytes(),
                    "the server held " + worstHeld + " bytes of request heads");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.upgradeBacklog().equals(new UpgradeBacklog(0, 0)));
            probe.assertAllArrivedWithin(Duration.ofMillis(100));
        }
    }

    /** Writes header lines without the empty line that ends them; returns how many bytes went out. */
    private static long writeEndlessHead(RawSocket socket, int total) {
        long written = 0;
        try {
            socket.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n");
            byte[] line = ("X-Padding: " + "a".repeat(1000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            while (written < total) {
                socket.write(line);
                written += line.length;
            }
        } catch (IOException e) {
            // the server closed the connection
        }
        return written;
    }

    @Test
    void anOversizedHeadIsAnsweredWith431AndClosed() throws Exception {
        start(UnaryOperator.identity());
        RawSocket s = socket();
        String head = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "a".repeat(9000) + "\r\n\r\n";
        assertTrue(s.exchangeHead(head).startsWith("HTTP/1.1 431 "));
        assertTrue(s.awaitClosedByServer(Duration.ofSeconds(3)));
    }

    @Test
    void connectionsThatNeverUpgradeAreClosedAtTheHandshakeTimeout() throws Exception {
        start(limits -> limits.withHandshakeTimeout(Duration.ofSeconds(2)));
        try (MessageProbe probe = new MessageProbe()) {
            RawSocket silent = socket();
            RawSocket requestLineOnly = socket();
            requestLineOnly.write("GET / HTTP/1.1\r\n");
            RawSocket dripping = socket();
            long startNanos = System.nanoTime();
            List<RawSocket> idle = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                idle.add(socket());
            }
            Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> server.upgradeBacklog().connections() == 53);
            // one byte of a valid request every 100 ms keeps the head small and unfinished for seconds
            byte[] request = dripping.upgradeRequest().getBytes(StandardCharsets.ISO_8859_1);
            AtomicLong dripped = new AtomicLong();
            ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
            drip.scheduleAtFixedRate(() -> {
                try {
                    dripping.write(new byte[] {request[(int) dripped.getAndIncrement()]});
                } catch (IOException | RuntimeException e) {
                    drip.shutdown();
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            assertTrue(silent.awaitClosedByServer(Duration.ofSeconds(5)), "a silent connection stays open");
            assertTrue(requestLineOnly.awaitClosedByServer(Duration.ofSeconds(4)), "a request line alone stays open");
            assertTrue(dripping.awaitClosedByServer(Duration.ofSeconds(4)), "a dripping request stays open");
            drip.shutdownNow();
            assertTrue(dripped.get() < request.length, "the whole request went out before the timeout");
            for (RawSocket s : idle) {
                assertTrue(s.awaitClosedByServer(Duration.ofSeconds(4)));
            }
            long tookMillis = (System.nanoTime() - startNanos) / 1_000_000;
            assertTrue(tookMillis >= 1900, "closed after " + tookMillis + " ms, before the timeout");
            Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> server.upgradeBacklog().equals(new UpgradeBacklog(0, 0)));
            probe.assertAllArrivedWithin(Duration.ofMillis(100));
        }
    }

    @Test
    void oneAddressMayHoldOnlySoManyConnectionsThatHaveNotLoggedIn() throws Exception {
        start(limits -> limits.withMaxPendingPerAddress(5));
        List<RawSocket> waiting = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waiting.add(socket());
        }
        RawClient loggingIn = clients.connect(server);
        Awaitility.await().atMost(Duration.ofSeconds(3))
                .until(() -> server.upgradeBacklog().connections() == 4);
        RawSocket sixth = socket();
        assertTrue(sixth.awaitClosedByServer(Duration.ofSeconds(2)), "a sixth waiting connection was accepted");

        // logging in gives the place back
        loggingIn.login("room", "alice", false);
        RawSocket afterLogin = socket();
        afterLogin.upgrade();

        // so does closing a waiting connection
        RawSocket refusedAgain = socket();
        assertTrue(refusedAgain.awaitClosedByServer(Duration.ofSeconds(2)));
        waiting.get(0).close();
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> {
            RawSocket s = socket();
            try {
                s.upgrade();
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Test
    void oneAddressMayOpenConnectionsOnlySoFast() throws Exception {
        start(limits -> limits.withConnectionRate(2, 5));
        for (int i = 0; i < 5; i++) {
            socket().upgrade();
        }
        RawSocket tooFast = socket();
        assertTrue(tooFast.awaitClosedByServer(Duration.ofMillis(300)), "a sixth connection in a burst of 5 was accepted");
        // two a second come back
        Awaitility.await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            RawSocket s = socket();
            try {
                s.upgrade();
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    static Stream<Arguments> badUpgrades() {
        String key = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
        String version = "Sec-WebSocket-Version: 13\r\n";
        String host = "Host: 127.0.0.1\r\n";
        String upgrade = "Upgrade: websocket\r\n";
        String connection = "Connection: Upgrade\r\n";
        return Stream.of(
                Arguments.of("a key that is not 16 bytes", "GET / HTTP/1.1\r\n" + host + upgrade + connection
                        + "Sec-WebSocket-Key: abc\r\n" + version + "\r\n", 400),
                Arguments.of("a key that is not base64", "GET / HTTP/1.1\r\n" + host + upgrade + connection
                        + "Sec-WebSocket-Key: !!!!!!!!!!!!!!!!!!!!!!==\r\n" + version + "\r\n", 400),
                Arguments.of("no key", "GET / HTTP/1.1\r\n" + host + upgrade + connection + version + "\r\n", 400),
                Arguments.of("no Upgrade header", "GET / HTTP/1.1\r\n" + host + connection + key + version + "\r\n", 400),
                Arguments.of("no Connection header", "GET / HTTP/1.1\r\n" + host + upgrade + key + version + "\r\n", 400),
                Arguments.of("Connection without Upgrade", "GET / HTTP/1.1\r\n" + host + upgrade
                        + "Connection: keep-alive\r\n" + key + version + "\r\n", 400),
                Arguments.of("an upgrade to h2c", "GET / HTTP/1.1\r\n" + host + "Upgrade: h2c\r\n" + connection + key
                        + version + "\r\n", 400),
                Arguments.of("no Host", "GET / HTTP/1.1\r\n" + upgrade + connection + key + version + "\r\n", 400),
                Arguments.of("HTTP/1.0", "GET / HTTP/1.0\r\n" + host + upgrade + connection + key + version + "\r\n", 400),
                Arguments.of("POST", "POST / HTTP/1.1\r\n" + host + upgrade + connection + key + version + "\r\n", 405),
                Arguments.of("version 8", "GET / HTTP/1.1\r\n" + host + upgrade + connection + key
                        + "Sec-WebSocket-Version: 8\r\n\r\n", 426),
                Arguments.of("not HTTP", "\u0016\u0003\u0001 hello\r\n\r\n", 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUpgrades")
    void upgradeRequestsThatBreakTheRulesAreRefused(String what, String request, int status) throws Exception {
        start(UnaryOperator.identity());
        try (LogCapture log = new LogCapture()) {
            RawSocket s = socket();
            String head = s.exchangeHead(request);
            assertTrue(head.startsWith("HTTP/1.1 " + status + " "), what + " was answered with " + head);
            if (status == 426) {
                assertTrue(head.contains("Sec-WebSocket-Version: 13\r\n"), head);
            }
            assertTrue(s.awaitClosedByServer(Duration.ofSeconds(3)));
            assertOneQuietLine(log, 1);
        }
        // the rules let a correct request through
        socket().upgrade();
    }

    static Stream<Arguments> badFrames() {
        byte[] heartbeat = "{\"type\":\"heartbeat\",\"id\":1}".getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("an unmasked frame", 0x81, heartbeat, false, 1002),
                Arguments.of("a reserved bit", 0xC1, heartbeat, true, 1002),
                Arguments.of("an unknown opcode", 0x83, heartbeat, true, 1002),
                Arguments.of("a fragmented ping", 0x09, new byte[0], true, 1002),
                Arguments.of("a continuation with nothing to continue", 0x80, heartbeat, true, 1002),
                Arguments.of("a close frame with a one-byte payload", 0x88, new byte[] {3}, true, 1002),
                Arguments.of("a close frame with a reserved code", 0x88, RawSocket.closePayload(1005, new byte[0]), true, 1002),
                Arguments.of("a close frame whose reason is not UTF-8", 0x88,
                        RawSocket.closePayload(1000, new byte[] {(byte) 0xC3, (byte) 0x28, 'x'}), true, 1007));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFrames")
    void framesThatBreakTheRulesCloseTheConnection(String what, int firstByte, byte[] payload, boolean masked,
                                                   int closeCode) throws Exception {
        start(UnaryOperator.identity());
        try (MessageProbe probe = new MessageProbe(); LogCapture log = new LogCapture()) {
            RawSocket s = socket();
            s.upgrade();
            RawSocket.Frame welcome = s.readFrame();
            assertTrue(welcome.text().contains("\"welcome\""), welcome.text());
            s.sendFrame(firstByte, payload, masked);
            // a frame after the bad one is never processed
            s.sendText("{\"type\":\"heartbeat\",\"id\":2}");
            RawSocket.Frame close = s.readFrame();
            assertEquals(8, close.opcode(), what + " was answered with " + close.text());
            assertEquals(closeCode, close.closeCode());
            assertTrue(s.awaitClosedByServer(Duration.ofSeconds(3)));
            assertOneQuietLine(log, 1);
            probe.assertAllArrivedWithin(Duration.ofMillis(100));
        }
    }

    @Test
    void aValidCloseFrameIsEchoed() throws Exception {
        start(UnaryOperator.identity());
        RawSocket s = socket();
        s.upgrade();
        s.readFrame();
        s.sendFrame(0x88, RawSocket.closePayload(1000, "bye, 👋".getBytes(StandardCharsets.UTF_8)), true);
        assertEquals(1000, s.readUntilClose().closeCode());
        assertTrue(s.awaitClosedByServer(Duration.ofSeconds(3)));
    }

    @Test
    void fragmentedAndSplitFramesStillWork() throws Exception {
        start(UnaryOperator.identity());
        RawSocket s = socket();
        s.upgrade();
        s.readFrame();
        byte[] first = "{\"type\":\"heart".getBytes(StandardCharsets.UTF_8);
        byte[] second = "beat\",\"id\":7}".getBytes(StandardCharsets.UTF_8);
        s.sendFrame(0x01, first, true);
        s.sendFrame(0x89, "ping".getBytes(StandardCharsets.UTF_8), true); // a control frame between fragments
        s.sendFrame(0x80, second, true);
        RawSocket.Frame pong = s.readFrame();
        assertEquals(10, pong.opcode());
        assertEquals("ping", pong.text());
        RawSocket.Frame reply = s.readFrame();
        assertTrue(reply.text().contains("\"id\":7"), reply.text());
    }

    /**
     * Exactly {@code refusals} lines about refused or closed connections were logged, at INFO or
     * WARN, and nothing at all was logged at ERROR or with a stack trace.
     */
    private static void assertOneQuietLine(LogCapture log, int refusals) {
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> refusalLines(log).size() >= refusals);
        assertEquals(refusals, refusalLines(log).size(), () -> "logged: " + refusalLines(log));
        List<ILoggingEvent> loud = log.events(e -> e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null);
        assertTrue(loud.isEmpty(), () -> "logged loudly: " + loud.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }

    private static List<ILoggingEvent> refusalLines(LogCapture log) {
        return log.events(e -> e.getLoggerName().startsWith("dev.parley.server")
                && (e.getFormattedMessage().startsWith("refused connection") || e.getFormattedMessage().startsWith("closing connection")
                || e.getFormattedMessage().startsWith("closed connection")));
    }
}
