package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MessageCodec;
import dev.parley.protocol.PublishChannel;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.SignalKind;
import dev.parley.protocol.UserInfo;
import dev.parley.testing.RawClient;
import dev.parley.testing.TestServers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.TextFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input over the wire: every kind gets an error reply (or, for oversized and non-UTF-8 frames,
 * the close the WebSocket rules demand), the connection stays usable, floods are limited and then
 * closed, and two clients in another room keep talking throughout.
 */
class MalformedInputTest {
    private ParleyServer server;
    private ServerFixtures.Bystanders bystanders;
    private final List<RawClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        server = TestServers.start(b -> b.presenceTimeout(Duration.ofSeconds(30)));
        bystanders = new ServerFixtures.Bystanders(server);
    }

    @AfterEach
    void stop() {
        clients.forEach(RawClient::close);
        if (bystanders != null) {
            bystanders.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private RawClient client() {
        return client(server);
    }

    private RawClient client(ParleyServer on) {
        RawClient c = RawClient.connect(on);
        clients.add(c);
        return c;
    }

    /** Sends raw text and returns the error reply with request ID {@code expectedId}. */
    private static ServerMessage.Ack sendRaw(RawClient c, String raw, long expectedId) {
        int mark = c.mark();
        c.send(raw);
        return (ServerMessage.Ack) c.awaitAfter(mark, ServerMessage.Ack.class, a -> a.id() == expectedId,
                RawClient.TIMEOUT);
    }

    /**
     * The connection still works: a valid login on it succeeds, the other room still talks, and
     * the server holds the two bystanders and this client in two rooms over three connections.
     */
    private void assertStillUsable(RawClient c, String userId) {
        assertStillUsable(c, userId, new ServerStats(2, 3, 0, 3));
    }

    private void assertStillUsable(RawClient c, String userId, ServerStats expected) {
        assertTrue(c.isOpen(), "the connection must stay open");
        c.login("after-abuse", userId, false);
        bystanders.assertStillTalking();
        assertTrue(c.undecodable().isEmpty(), "the server sent only valid messages");
        awaitStats(expected);
    }

    static Stream<Arguments> rawMessages() {
        return Stream.of(
                // not JSON at all, or broken JSON
                Arguments.of("{not json", ErrorCode.COMMON_MALFORMED_MESSAGE, 0L),
                Arguments.of("{\"type\":\"heartbeat\",\"id\":1", ErrorCode.COMMON_MALFORMED_MESSAGE, 0L),
                Arguments.of("", ErrorCode.COMMON_MALFORMED_MESSAGE, 0L),
                Arguments.of("   \n\t", ErrorCode.COMMON_MALFORMED_MESSAGE, 0L),
                Arguments.of("{'type':'heartbeat','id':8}", ErrorCode.COMMON_MALFORMED_MESSAGE, 0L),
                Arguments.of("{\"type\":\"heartbeat\",\"id\":9,}", ErrorCode.COMMON_MALFORMED_MESSAGE, 0L),
                Arguments.of("{\"type\":\"heartbeat\",\"id\":NaN}", ErrorCode.COMMON_MALFORMED_MESSAGE, 0L),
                Arguments.of("{\"type\":\"heartbeat\",\"id\":7} trailing", ErrorCode.COMMON_MALFORMED_MESSAGE, 0L),
                Arguments.of("{\"type\":\"heartbeat\",\"id\":5,\"id\":6}", ErrorCode.COMMON_MALFORMED_MESSAGE, 0L),
                Arguments.of("{\"type\":\"heartbeat\",\"type\":\"logout\",\"id\":5}", ErrorCode.COMMON_MALFORMED_MESSAGE, 0L),
                // JSON, but not a message
                Arguments.of("null", ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE, 0L),
                Arguments.of("42", ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE, 0L),
                Arguments.of("\"heartbeat\"", ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE, 0L),
                Arguments.of("[{\"type\":\"heartbeat\",\"id\":1}]", ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE, 0L),
                // unknown or missing type
                Arguments.of("{\"type\":\"explode\",\"id\":3}", ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE, 3L),
                Arguments.of("{\"id\":4}", ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE, 4L),
                Arguments.of("{\"type\":\"Heartbeat\",\"id\":6}", ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE, 6L),
                Arguments.of("{\"type\":\"welcome\",\"id\":7}", ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE, 7L),
                Arguments.of("{\"type\":\"kickedOut\",\"id\":8}", ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE, 8L),
                // wrong, missing or unknown fields
                Arguments.of("{\"type\":\"heartbeat\",\"id\":\"abc\"}", ErrorCode.COMMON_INVALID_FIELD, 0L),
                Arguments.of("{\"type\":\"heartbeat\",\"id\":1.5}", ErrorCode.COMMON_INVALID_FIELD, 0L),
                Arguments.of("{\"type\":\"heartbeat\",\"id\":99999999999999999999}", ErrorCode.COMMON_INVALID_FIELD, 0L),
                Arguments.of("{\"type\":\"heartbeat\"}", ErrorCode.COMMON_INVALID_FIELD, 0L),
                Arguments.of("{\"type\":\"heartbeat\",\"id\":-3}", ErrorCode.COMMON_INVALID_FIELD, -3L),
                Arguments.of("{\"type\":\"heartbeat\",\"id\":12,\"extra\":true}", ErrorCode.COMMON_INVALID_FIELD, 12L),
                Arguments.of("{\"type\":\"sendBroadcast\",\"id\":13,\"message\":42}", ErrorCode.COMMON_INVALID_FIELD, 13L),
                Arguments.of("{\"type\":\"sendBroadcast\",\"id\":14,\"message\":[\"a\"]}", ErrorCode.COMMON_INVALID_FIELD, 14L),
                Arguments.of("{\"type\":\"login\",\"id\":15,\"protocolVersion\":\"1\"}", ErrorCode.COMMON_INVALID_FIELD, 15L),
                Arguments.of("{\"type\":\"login\",\"id\":16,\"appId\":true}", ErrorCode.COMMON_INVALID_FIELD, 16L),
                Arguments.of("{\"type\":\"login\",\"id\":17,\"user\":\"bob\"}", ErrorCode.COMMON_INVALID_FIELD, 17L),
                Arguments.of("{\"type\":\"login\",\"id\":18,\"appId\":1.5}", ErrorCode.COMMON_INVALID_FIELD, 18L),
                Arguments.of("{\"type\":\"publish\",\"id\":19,\"streamId\":\"s\",\"channel\":\"SIDE\"}", ErrorCode.COMMON_INVALID_FIELD, 19L),
                Arguments.of("{\"type\":\"publish\",\"id\":20,\"streamId\":\"s\",\"channel\":0}", ErrorCode.COMMON_INVALID_FIELD, 20L),
                Arguments.of("{\"type\":\"publish\",\"id\":21,\"streamId\":\"s\",\"audio\":\"yes\"}", ErrorCode.COMMON_INVALID_FIELD, 21L),
                Arguments.of("{\"type\":\"sendCustomCommand\",\"id\":22,\"toUserIds\":\"u\",\"command\":\"c\"}", ErrorCode.COMMON_INVALID_FIELD, 22L),
                Arguments.of("{\"type\":\"relaySignal\",\"id\":23,\"streamId\":\"s\",\"toUserId\":\"u\",\"kind\":\"SHOUT\"}", ErrorCode.COMMON_INVALID_FIELD, 23L),
                // too deep: 100 levels of objects or arrays
                Arguments.of("{\"type\":\"login\",\"id\":30,\"user\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "}",
                        ErrorCode.COMMON_MALFORMED_MESSAGE, 0L),
                Arguments.of("[".repeat(100) + "]".repeat(100), ErrorCode.COMMON_MALFORMED_MESSAGE, 0L),
                Arguments.of("[".repeat(20_000), ErrorCode.COMMON_MALFORMED_MESSAGE, 0L));
    }

    @ParameterizedTest
    @MethodSource("rawMessages")
    void malformedMessageGetsAnErrorReplyAndTheConnectionStays(String raw, ErrorCode expected, long expectedId) {
        RawClient c = client();
        ServerMessage.Ack reply = sendRaw(c, raw, expectedId);
        assertEquals(expected.code(), reply.code(), () -> "reply to " + abbreviated(raw) + ": " + reply);
        assertStillUsable(c, "survivor");
    }

    @Test
    void malformedMessagesAfterLoginLeaveTheSessionIntact() {
        RawClient c = client();
        c.login("room", "alice", true);
        RawClient other = client();
        other.login("room", "bob", true);
        assertEquals(ErrorCode.COMMON_MALFORMED_MESSAGE.code(), sendRaw(c, "}{", 0).code());
        assertEquals(ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE.code(), sendRaw(c, "{\"type\":\"nope\",\"id\":40}", 40).code());
        assertEquals(ErrorCode.COMMON_INVALID_FIELD.code(),
                sendRaw(c, "{\"type\":\"sendBroadcast\",\"id\":41,\"message\":{}}", 41).code());
        c.ok(id -> new ClientMessage.SendBroadcast(id, "fine"));
        other.awaitPush(ServerMessage.BroadcastReceived.class, b -> b.message().equals("fine"));
        other.assertNone(ServerMessage.UserUpdate.class, u -> true);
        bystanders.assertStillTalking();
    }

    @Test
    void garbageBinaryFrameGetsMalformed() {
        RawClient c = client();
        byte[] garbage = new byte[1000];
        new Random(42).nextBytes(garbage);
        int mark = c.mark();
        c.sendBytes(garbage);
        ServerMessage.Reply reply = c.awaitAfter(mark, ServerMessage.Ack.class, a -> a.id() == 0, RawClient.TIMEOUT);
        assertEquals(ErrorCode.COMMON_MALFORMED_MESSAGE.code(), reply.code());
        mark = c.mark();
        c.sendBytes("{\"type\":\"heartbeat\",\"id\":1}".getBytes(StandardCharsets.UTF_8));
        reply = c.awaitAfter(mark, ServerMessage.Ack.class, a -> a.id() == 0, RawClient.TIMEOUT);
        assertEquals(ErrorCode.COMMON_MALFORMED_MESSAGE.code(), reply.code(), "JSON goes in text frames only");
        assertStillUsable(c, "binary");
    }

    @Test
    void garbageTextGetsMalformed() {
        RawClient c = client();
        Random random = new Random(7);
        for (int i = 0; i < 5; i++) {
            byte[] bytes = new byte[200 + i * 100];
            random.nextBytes(bytes);
            // every byte value as a character: control characters, NUL, Latin-1 and C1 codes
            String garbage = new String(bytes, StandardCharsets.ISO_8859_1);
            assertEquals(ErrorCode.COMMON_MALFORMED_MESSAGE.code(), sendRaw(c, "\u0000" + garbage, 0).code());
        }
        assertEquals(ErrorCode.COMMON_MALFORMED_MESSAGE.code(), sendRaw(c, "\uFEFF\uD83D\uDE00\u202E{}", 0).code());
        assertStillUsable(c, "garbage-text");
    }

    @Test
    void textFrameThatIsNotUtf8IsClosedAsTheWebSocketRulesDemand() {
        RawClient c = client();
        TextFrame frame = new TextFrame();
        frame.setPayload(ByteBuffer.wrap(new byte[] {'{', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '}'}));
        frame.setFin(true);
        c.sendFrame(frame);
        // RFC 6455 section 8.1: an endpoint that receives invalid UTF-8 in a text frame fails the connection.
        assertEquals(CloseFrame.NO_UTF8, c.awaitClose());
        assertStillUsable(client(), "next");
    }

    @Test
    void frameOverSixtyFourKibIsClosedWith1009() {
        RawClient c = client();
        c.login("big", "big-sender", false);
        String head = "{\"type\":\"sendBroadcast\",\"id\":50,\"message\":\"";
        String tail = "\"}";
        String exactlyAtLimit = head + "x".repeat(65536 - head.length() - tail.length()) + tail;
        assertEquals(65536, exactlyAtLimit.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(ErrorCode.MESSAGE_TOO_LONG.code(), sendRaw(c, exactlyAtLimit, 50).code(),
                "a 64 KiB frame is read, and its 1 KiB message limit applies");
        String overLimit = head + "x".repeat(65537 - head.length() - tail.length()) + tail;
        c.send(overLimit);
        assertEquals(CloseFrame.TOOBIG, c.awaitClose());
        // the closed client's session waits for a resume in its own room
        assertStillUsable(client(), "next", new ServerStats(3, 4, 0, 3));
    }

    @Test
    void fragmentedMessageOverSixtyFourKibIsClosedWith1009() {
        RawClient c = client();
        byte[] chunk = "x".repeat(30_000).getBytes(StandardCharsets.UTF_8);
        try {
            sendFragment(c, Opcode.TEXT, chunk, false);
            sendFragment(c, Opcode.CONTINUOUS, chunk, false);
            sendFragment(c, Opcode.CONTINUOUS, chunk, true);
        } catch (WebsocketNotConnectedException alreadyClosed) {
            // the server may close before the last fragment leaves
        }
        assertEquals(CloseFrame.TOOBIG, c.awaitClose());
        assertStillUsable(client(), "next");
    }

    private static void sendFragment(RawClient c, Opcode opcode, byte[] payload, boolean fin) {
        org.java_websocket.framing.DataFrame frame = opcode == Opcode.TEXT
                ? new TextFrame() : new org.java_websocket.framing.ContinuousFrame();
        frame.setPayload(ByteBuffer.wrap(payload));
        frame.setFin(fin);
        c.sendFrame(frame);
    }

    static Stream<Arguments> badLogins() {
        String room129 = "r".repeat(129);
        String room129Bytes = "\u00e9".repeat(64) + "r"; // 65 characters, 129 bytes of UTF-8
        return Stream.of(
                Arguments.of(room129, "u", "name", ErrorCode.ROOM_INVALID_ROOM_ID),
                Arguments.of(room129Bytes, "u", "name", ErrorCode.ROOM_INVALID_ROOM_ID),
                Arguments.of("", "u", "name", ErrorCode.ROOM_INVALID_ROOM_ID),
                Arguments.of(null, "u", "name", ErrorCode.ROOM_INVALID_ROOM_ID),
                Arguments.of("room\n1", "u", "name", ErrorCode.ROOM_ROOM_ID_FORBIDDEN_CHARACTER),
                Arguments.of("room", "u".repeat(65), "name", ErrorCode.ROOM_INVALID_USER_ID),
                Arguments.of("room", "\u4e2d".repeat(22), "name", ErrorCode.ROOM_INVALID_USER_ID), // 66 bytes
                Arguments.of("room", "", "name", ErrorCode.ROOM_INVALID_USER_ID),
                Arguments.of("room", "tab\tuser", "name", ErrorCode.ROOM_USER_ID_FORBIDDEN_CHARACTER),
                Arguments.of("room", "u", "n".repeat(257), ErrorCode.ROOM_INVALID_USER_NAME),
                Arguments.of("room", "u", "\u00e9".repeat(129), ErrorCode.ROOM_INVALID_USER_NAME),
                Arguments.of("room", "u", "bell\u0007", ErrorCode.ROOM_USER_NAME_FORBIDDEN_CHARACTER));
    }

    @ParameterizedTest
    @MethodSource("badLogins")
    void overLongOrInvalidIdsAreRefused(String roomId, String userId, String userName, ErrorCode expected) {
        RawClient c = client();
        c.expectError(expected, id -> login(c, id, roomId, userId, userName));
        assertStillUsable(c, "valid-user");
    }

    @Test
    void idsExactlyAtTheLimitsAreAccepted() {
        RawClient c = client();
        String roomId = "\u00e9".repeat(64); // 128 bytes
        String userId = "u".repeat(64);
        String userName = "\u4e2d".repeat(85) + "n"; // 256 bytes
        c.accepted(c.request(id -> login(c, id, roomId, userId, userName)));
        String streamId = "A-z_0".repeat(51) + "9"; // 256 characters
        c.ok(id -> new ClientMessage.Publish(id, streamId, PublishChannel.MAIN, "", true, true));
        assertEquals(1, server.stats().streams());
    }

    @Test
    void loginWithoutUserOrWithWrongProtocolVersionIsRefused() {
        RawClient c = client();
        c.expectError(ErrorCode.ROOM_INVALID_USER_ID, id -> new ClientMessage.Login(id, MessageCodec.PROTOCOL_VERSION,
                TestServers.APP_ID, "room", null, true, 0, null, null, List.of()));
        c.expectError(ErrorCode.COMMON_UNSUPPORTED_PROTOCOL, id -> new ClientMessage.Login(id, 99,
                TestServers.APP_ID, "room", new UserInfo("u", "u"), true, 0, null, null, List.of()));
        c.expectError(ErrorCode.ROOM_ALREADY_LOGGED_IN, id -> {
            c.login("room", "u", true);
            return c.loginRequest(id, "room", "u", true);
        });
        bystanders.assertStillTalking();
    }

    private static ClientMessage.Login login(RawClient c, long id, String roomId, String userId, String userName) {
        ClientMessage.Login signed = c.loginRequest(id, roomId, userId == null ? "x" : userId, true);
        return new ClientMessage.Login(id, MessageCodec.PROTOCOL_VERSION, TestServers.APP_ID, roomId,
                new UserInfo(userId, userName), true, 0, null, signed.proof(), List.of());
    }

    @Test
    void streamIdsWithBadCharactersAreRefused() {
        RawClient c = client();
        c.login("streams", "publisher", true);
        for (String bad : List.of("has space", "a/b", "dot.ted", "\u00fcml", "", "s".repeat(257), "semi;colon", "new\nline")) {
            c.expectError(ErrorCode.PUBLISHER_INVALID_STREAM_ID,
                    id -> new ClientMessage.Publish(id, bad, PublishChannel.MAIN, "", true, true));
            c.expectError(ErrorCode.PLAYER_INVALID_STREAM_ID,
                    id -> new ClientMessage.RelaySignal(id, bad, "publisher", SignalKind.PLAY_REQUEST, ""));
        }
        c.expectError(ErrorCode.PUBLISHER_INVALID_STREAM_ID,
                id -> new ClientMessage.Publish(id, null, PublishChannel.MAIN, "", true, true));
        c.ok(id -> new ClientMessage.Publish(id, "good_stream-1", PublishChannel.MAIN, "", true, true));
        assertEquals(1, server.stats().streams());
        bystanders.assertStillTalking();
    }

    static Stream<Arguments> requestsThatNeedALogin() {
        List<LongFunction<ClientMessage>> requests = List.of(
                ClientMessage.Logout::new,
                ClientMessage.Heartbeat::new,
                id -> new ClientMessage.RenewToken(id, "P1.x.y"),
                id -> new ClientMessage.Publish(id, "s", PublishChannel.MAIN, "", true, true),
                id -> new ClientMessage.StopPublish(id, "s"),
                id -> new ClientMessage.SetStreamExtraInfo(id, "s", "x"),
                id -> new ClientMessage.SetRoomExtraInfo(id, "k", "v"),
                id -> new ClientMessage.SendBroadcast(id, "hi"),
                id -> new ClientMessage.SendCustomCommand(id, List.of("bystander-1"), "hi"),
                id -> new ClientMessage.RelaySignal(id, "s", "bystander-1", SignalKind.OFFER, "sdp"));
        return requests.stream().map(r -> Arguments.of(r.apply(1).getClass().getSimpleName(), r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestsThatNeedALogin")
    void requestBeforeLoginIsRefused(String name, LongFunction<ClientMessage> request) {
        RawClient c = client();
        c.expectError(ErrorCode.COMMON_NOT_LOGGED_IN, request);
        c.login("room", "late", true);
        c.ok(ClientMessage.Logout::new);
        c.expectError(ErrorCode.COMMON_NOT_LOGGED_IN, request);
        assertStillUsable(c, "later");
        bystanders.first.assertNone(ServerMessage.CustomCommandReceived.class, x -> true);
    }

    @Test
    void resumeOfAnUnknownSessionIsRefused() {
        RawClient c = client();
        c.expectError(ErrorCode.ROOM_SESSION_EXPIRED, id -> new ClientMessage.Resume(id, "no-such-session", 0));
        c.expectError(ErrorCode.ROOM_SESSION_EXPIRED, id -> new ClientMessage.Resume(id, null, 0));
        assertStillUsable(c, "resumer");
    }

    @Test
    void broadcastFloodFromOneUserIsLimitedToTwoPerSecond() {
        MutableClock clock = MutableClock.now();
        try (ParleyServer fixed = ServerFixtures.start(clock, b -> b.presenceTimeout(Duration.ofSeconds(30)));
             ServerFixtures.Bystanders others = new ServerFixtures.Bystanders(fixed)) {
            RawClient chatty = client(fixed);
            RawClient listener = client(fixed);
            chatty.login("chat", "chatty", true);
            listener.login("chat", "listener", true);

            List<Integer> codes = sendBroadcasts(chatty, 6, "burst");
            assertEquals(List.of(0, 0, limited(), limited(), limited(), limited()), codes);
            others.assertStillTalking();

            // any one-second window holds at most two
            clock.advance(Duration.ofMillis(500));
            assertEquals(List.of(limited(), limited()), sendBroadcasts(chatty, 2, "half-second"));
            clock.advance(Duration.ofMillis(500));
            assertEquals(List.of(0, 0, limited()), sendBroadcasts(chatty, 3, "later"));

            listener.barrier();
            assertEquals(4, listener.all(ServerMessage.BroadcastReceived.class).size(),
                    "only the accepted broadcasts arrive, once each");
            others.assertStillTalking();
            assertEquals(new ServerStats(2, 4, 0, 4), fixed.stats());
        }
    }

    @Test
    void broadcastFloodFromSeveralUsersIsLimitedToTenPerSecondPerRoom() {
        MutableClock clock = MutableClock.now();
        try (ParleyServer fixed = ServerFixtures.start(clock, b -> b.presenceTimeout(Duration.ofSeconds(30)));
             ServerFixtures.Bystanders others = new ServerFixtures.Bystanders(fixed)) {
            List<RawClient> users = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                RawClient u = client(fixed);
                u.login("busy", "user-" + i, false);
                users.add(u);
            }
            List<Integer> codes = new ArrayList<>();
            for (RawClient u : users) {
                codes.addAll(sendBroadcasts(u, 2, "from " + u.sessionId()));
            }
            assertEquals(10, codes.stream().filter(c -> c == 0).count(), codes::toString);
            assertEquals(List.of(limited(), limited(), limited(), limited()), codes.subList(10, 14));
            others.assertStillTalking();

            clock.advance(Duration.ofSeconds(1));
            assertEquals(List.of(0), sendBroadcasts(users.get(6), 1, "next second"));
            RawClient last = users.get(0);
            last.barrier();
            // user-0 received the broadcasts of users 1 to 4 (two each) and one of user-6
            assertEquals(9, last.all(ServerMessage.BroadcastReceived.class).size());
            others.assertStillTalking();
            assertEquals(new ServerStats(2, 9, 0, 9), fixed.stats());
        }
    }

    private static int limited() {
        return ErrorCode.MESSAGE_RATE_LIMITED.code();
    }

    private static List<Integer> sendBroadcasts(RawClient from, int count, String text) {
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String message = text + " #" + i;
            codes.add(from.request(id -> new ClientMessage.SendBroadcast(id, message)).code());
        }
        return codes;
    }

    @Test
    void requestFloodIsRateLimitedThenClosedWith1008() {
        RawClient flooder = client();
        flooder.login("flood", "flooder", true);
        RawClient neighbour = client();
        neighbour.login("flood", "neighbour", true);
        int mark = flooder.mark();
        try {
            for (int sent = 0; sent < 5000 && flooder.isOpen(); sent++) {
                flooder.send(new ClientMessage.Heartbeat(flooder.nextId()));
            }
        } catch (WebsocketNotConnectedException closed) {
            // the server closed the connection mid-flood, as it should
        }
        assertEquals(CloseFrame.POLICY_VALIDATION, flooder.awaitClose(Duration.ofSeconds(10)), flooder::closeReason);
        ServerMessage.Ack firstRefusal = flooder.awaitAfter(mark, ServerMessage.Ack.class,
                a -> a.code() != 0, Duration.ZERO);
        assertEquals(ErrorCode.COMMON_RATE_LIMITED.code(), firstRefusal.code());
        long accepted = flooder.all(ServerMessage.Ack.class).stream().filter(a -> a.code() == 0).count();
        assertTrue(accepted <= 200, "the burst of 100 and the refill of 50/s bound what gets through: " + accepted);

        assertAbuseLeftNoMark(neighbour);
    }

    @Test
    void requestFloodOneAtATimeIsAlsoClosed() {
        RawClient flooder = client();
        flooder.login("flood", "flooder", true);
        RawClient neighbour = client();
        neighbour.login("flood", "neighbour", true);
        int refused = 0;
        for (int i = 0; i < 2000 && flooder.closeCode() == null; i++) {
            long id = flooder.nextId();
            int mark = flooder.mark();
            flooder.send(new ClientMessage.Heartbeat(id));
            ServerMessage.Reply reply = flooder.awaitReplyOrClose(id, mark, RawClient.TIMEOUT);
            if (reply != null && reply.code() == ErrorCode.COMMON_RATE_LIMITED.code()) {
                refused++;
            }
        }
        // The refilling bucket lets a request through every 20 ms; that must not restart the count.
        assertEquals(CloseFrame.POLICY_VALIDATION, flooder.awaitClose(), flooder::closeReason);
        assertTrue(refused >= 150, "refused before the close: " + refused);
        assertAbuseLeftNoMark(neighbour);
    }

    @Test
    void flooderThatIgnoresTheCloseFrameIsDisconnected() throws Exception {
        java.net.URI uri = java.net.URI.create(server.url());
        try (java.net.Socket raw = new java.net.Socket(uri.getHost(), uri.getPort())) {
            raw.setSoTimeout(10_000);
            java.io.OutputStream out = raw.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] payload = "{\"type\":\"heartbeat\",\"id\":1}".getBytes(StandardCharsets.UTF_8);
            java.io.ByteArrayOutputStream frames = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < 400; i++) {
                frames.write(0x81); // FIN, text
                frames.write(0x80 | payload.length); // masked, short length
                frames.write(new byte[4]); // an all-zero mask leaves the payload as it is
                frames.write(payload);
            }
            out.write(frames.toByteArray());
            out.flush();
            // never answer the close frame; just read until the server hangs up
            java.io.InputStream in = raw.getInputStream();
            long start = System.nanoTime();
            try {
                while (in.read(new byte[8192]) >= 0) {
                    // drain the handshake, replies and the close frame
                }
            } catch (java.net.SocketException reset) {
                // a reset ends it too
            }
            long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
            long grace = WebSocketTransport.FLOOD_CLOSE_GRACE.toMillis();
            assertTrue(waited >= grace - 500 && waited < grace + 5_000,
                    "given the grace period to answer, then disconnected: " + waited + " ms");
        }
        bystanders.assertStillTalking();
        awaitStats(new ServerStats(1, 2, 0, 2));
    }

    /** The other room still talks, the flooder's room still works, and the counts add up. */
    private void assertAbuseLeftNoMark(RawClient neighbour) {
        bystanders.assertStillTalking();
        neighbour.ok(id -> new ClientMessage.SendBroadcast(id, "after the flood"));
        RawClient fresh = client();
        fresh.login("flood", "newcomer", true);
        fresh.barrier();
        // the flooder's session waits for a resume: 2 bystanders + flooder + neighbour + newcomer
        awaitStats(new ServerStats(2, 5, 0, 4));
    }

    @Test
    void binaryFloodIsClosedWith1008() {
        RawClient flooder = client();
        try {
            for (int i = 0; i < 1000 && flooder.isOpen(); i++) {
                flooder.sendBytes(new byte[] {1, 2, 3});
            }
        } catch (WebsocketNotConnectedException closed) {
            // closed mid-flood
        }
        assertEquals(CloseFrame.POLICY_VALIDATION, flooder.awaitClose(Duration.ofSeconds(10)));
        bystanders.assertStillTalking();
        awaitStats(new ServerStats(1, 2, 0, 2));
    }

    private void awaitStats(ServerStats expected) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(() -> server.stats().equals(expected));
    }

    private static String abbreviated(String raw) {
        return raw.length() > 80 ? raw.substring(0, 80) + "..." : raw;
    }
}
