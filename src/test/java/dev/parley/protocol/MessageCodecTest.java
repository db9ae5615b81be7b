package dev.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCodecTest {
    private static final MessageCodec CODEC = new MessageCodec();
    private static final long ID = 41;

    /** Writes JSON with single quotes for readability: {@code j("{'id':1}")} is {@code {"id":1}}. */
    private static String j(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() <= 160 ? s : s.substring(0, 150) + "... (" + s.length() + " chars)";
    }

    private static CodecException refusedByClientDecoder(String json) {
        return assertThrows(CodecException.class, () -> CODEC.decodeClient(json), () -> "accepted: " + abbreviate(json));
    }

    private static void assertClientRefuses(String json, ErrorCode expected, long expectedRequestId) {
        CodecException e = refusedByClientDecoder(json);
        assertEquals(expected, e.error(), () -> abbreviate(json) + " -> " + e.getMessage());
        assertEquals(expectedRequestId, e.requestId(), () -> "requestId for " + abbreviate(json));
    }

    private static void assertServerRefuses(String json, ErrorCode expected, long expectedRequestId) {
        CodecException e = assertThrows(CodecException.class, () -> CODEC.decodeServer(json), () -> "accepted: " + abbreviate(json));
        assertEquals(expected, e.error(), () -> abbreviate(json) + " -> " + e.getMessage());
        assertEquals(expectedRequestId, e.requestId(), () -> "requestId for " + abbreviate(json));
    }

    /** {@code depth} nested JSON arrays: {@code [[...]]}. */
    private static String nestedArrays(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    // ---------------------------------------------------------------------------------------------
    // Samples of every message type
    // ---------------------------------------------------------------------------------------------

    private static final UserInfo ALICE = new UserInfo("alice", "Alice \u00c1vila \uD83D\uDE00");
    private static final UserInfo BOB = new UserInfo("bob", "");
    private static final StreamInfo ALICE_MAIN = new StreamInfo("room1_alice_main", ALICE, PublishChannel.MAIN,
            "{\"layout\":\"grid\"}", true, true);
    private static final StreamInfo BOB_SCREEN = new StreamInfo("room1_bob_aux", BOB, PublishChannel.AUX, null, false, true);
    private static final RoomExtraInfo TOPIC = new RoomExtraInfo("topic", "Weekly sync\n\"quoted\"", ALICE, 1_732_233_600_123L);

    static Stream<Arguments> clientSamples() {
        List<ClientMessage> samples = List.of(
                new ClientMessage.Login(1, MessageCodec.PROTOCOL_VERSION, 1_234_567_890L, "room-1", ALICE, true, 50,
                        "eyJ0b2tlbiI6dHJ1ZX0.c2ln", null, List.of(ALICE_MAIN)),
                new ClientMessage.Login(2, MessageCodec.PROTOCOL_VERSION, 7, "\u623f\u95f4 1", BOB, false, 0, null,
                        AppSignProof.sign("sign", 7, "bob", "nonce", 1_732_233_600_000L), List.of()),
                new ClientMessage.Resume(3, "sess-0f3a", 17),
                new ClientMessage.Logout(4),
                new ClientMessage.Heartbeat(Long.MAX_VALUE),
                new ClientMessage.RenewToken(6, "new.token"),
                new ClientMessage.Publish(7, "room1_alice_main", PublishChannel.MAIN, "extra", true, false),
                new ClientMessage.Publish(8, "room1_alice_aux", PublishChannel.AUX, null, false, true),
                new ClientMessage.StopPublish(9, "room1_alice_main"),
                new ClientMessage.SetStreamExtraInfo(10, "room1_alice_main", ""),
                new ClientMessage.SetStreamMedia(31, "room1_alice_main", true, false),
                new ClientMessage.SetRoomExtraInfo(11, "topic", "caf\u00e9 \u2615"),
                new ClientMessage.SendBroadcast(12, "hi \uD83D\uDC4B\n\t\"quoted\" \\ back\u0001slash </script>"),
                new ClientMessage.SendCustomCommand(13, List.of("bob", "carol"), "{\"cmd\":\"raise-hand\"}"),
                new ClientMessage.RelaySignal(14, "room1_bob_aux", "bob", SignalKind.PLAY_REQUEST, ""),
                new ClientMessage.SetPlayLayer(18, "room1_bob_main", PlayLayer.SMALL),
                new ClientMessage.RelaySignal(15, "room1_bob_aux", "bob", SignalKind.OFFER, "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n"),
                new ClientMessage.RelaySignal(16, "room1_bob_aux", "bob", SignalKind.ANSWER, "v=0\r\n"),
                new ClientMessage.RelaySignal(17, "room1_bob_aux", "bob", SignalKind.ICE_CANDIDATE,
                        "{\"candidate\":\"candidate:1 1 udp 2122260223 10.0.0.2 54321 typ host\",\"sdpMid\":\"0\"}"),
                new ClientMessage.RelaySignal(18, "room1_bob_aux", "bob", SignalKind.HANGUP, null),
                new ClientMessage.QueryRoomUsers(19, MessageCodec.PROTOCOL_VERSION, 7, "room-1", "bob", null,
                        AppSignProof.sign("sign", 7, "bob", "nonce", 1_732_233_600_000L)),
                new ClientMessage.QueryRoomUsers(20, MessageCodec.PROTOCOL_VERSION, 7, "room-1", "bob", "P1.x.y", null));
        return samples.stream().map(m -> Arguments.of(Named.of(m.getClass().getSimpleName() + "#" + m.id(), m)));
    }

    static Stream<Arguments> serverSamples() {
        List<ServerMessage.Push> pushes = List.of(
                new ServerMessage.UserUpdate("room-1", 18, UpdateType.ADD, List.of(ALICE, BOB)),
                new ServerMessage.UserUpdate("room-1", 19, UpdateType.DELETE, List.of(BOB)),
                new ServerMessage.StreamUpdate("room-1", 20, UpdateType.ADD, List.of(ALICE_MAIN, BOB_SCREEN)),
                new ServerMessage.StreamUpdate("room-1", 21, UpdateType.DELETE, List.of(BOB_SCREEN)),
                new ServerMessage.StreamExtraInfoUpdate("room-1", 22, List.of(ALICE_MAIN.withExtraInfo("new"))),
                new ServerMessage.StreamMediaUpdate("room-1", 30, ALICE_MAIN.withMedia(false, true)),
                new ServerMessage.RoomExtraInfoUpdate("room-1", 23, List.of(TOPIC)),
                new ServerMessage.BroadcastReceived("room-1", 24, 9001, BOB, "hello \uD83D\uDC4B", 1_732_233_600_456L),
                new ServerMessage.CustomCommandReceived("room-1", 25, ALICE, "{\"cmd\":\"mute\"}"),
                new ServerMessage.SignalReceived("room-1", 26, "room1_alice_main", "bob", SignalKind.ICE_CANDIDATE, "{}"),
                new ServerMessage.SignalReceived("room-1", 27, "room1_alice_main", "bob", SignalKind.HANGUP, null),
                new ServerMessage.TokenWillExpire("room-1", 28, 30),
                new ServerMessage.KickedOut("room-1", 29, ErrorCode.ROOM_KICKED_OUT.code(), "logged in elsewhere"),
                new ServerMessage.KickedOut("room-1", 0, ErrorCode.ROOM_SERVER_SHUTDOWN.code(), "draining",
                        "wss://node-b.example.org:7878"));
        Stream<ServerMessage> others = Stream.of(
                new ServerMessage.Welcome(MessageCodec.PROTOCOL_VERSION, "n-4f2a9c1e7b", 1_732_233_600_000L),
                ServerMessage.Ack.ok(1),
                ServerMessage.Ack.error(2, ErrorCode.ROOM_TOKEN_EXPIRED),
                new ServerMessage.LoginAccepted(3, 0, "sess-0f3a", "room-1", 17, List.of(ALICE, BOB),
                        List.of(ALICE_MAIN, BOB_SCREEN), List.of(TOPIC),
                        List.of(new IceServer(List.of("stun:stun.example.org:3478"), null, null),
                                new IceServer(List.of("turn:turn.example.org:3478?transport=udp",
                                        "turns:turn.example.org:5349"), "user", "secret")),
                        5_000, 15_000, 1_732_237_200_000L, MediaMode.SFU),
                new ServerMessage.LoginAccepted(4, 0, "sess-1", "empty", 0, List.of(), List.of(), List.of(), List.of(), 5_000,
                        15_000, 0, MediaMode.MESH),
                new ServerMessage.ResumeAccepted(5, 0, pushes, List.of()),
                new ServerMessage.ResumeAccepted(6, 0, List.of(), List.of(new IceServer(List.of("turn:t.example.org:3478"),
                        "1700000000:bob", "c2VjcmV0"))),
                new ServerMessage.IceServersUpdate("room-1", 0, List.of(new IceServer(List.of("turns:t.example.org:5349"),
                        "1700086400:bob", "bmV3"))),
                new ServerMessage.BroadcastSent(7, 0, 9001),
                new ServerMessage.RoomUsers(8, 0, "room-1", List.of("alice", "bob"), true),
                new ServerMessage.RoomUsers(9, 0, "empty", List.of(), false),
                ServerMessage.Redirect.to(10, "ws://10.0.0.7:7878"));
        return Stream.concat(others, pushes.stream())
                .map(m -> Arguments.of(Named.of(m.getClass().getSimpleName(), m)));
    }

    private static Set<Class<?>> leafRecordTypes(Class<?> sealedRoot) {
        Set<Class<?>> leaves = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(sealedRoot));
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            if (type.isSealed()) {
                todo.addAll(List.of(type.getPermittedSubclasses()));
            } else {
                leaves.add(type);
            }
        }
        return leaves;
    }

    private static Set<Class<?>> classesOf(Stream<Arguments> samples) {
        return samples.map(a -> ((Named<?>) a.get()[0]).getPayload().getClass()).collect(Collectors.toSet());
    }

    // ---------------------------------------------------------------------------------------------
    // Round trips and wire format
    // ---------------------------------------------------------------------------------------------

    @Nested
    class RoundTrip {
        @Test
        void samplesCoverEveryClientMessageType() {
            assertEquals(leafRecordTypes(ClientMessage.class), classesOf(clientSamples()));
        }

        @Test
        void samplesCoverEveryServerMessageType() {
            assertEquals(leafRecordTypes(ServerMessage.class), classesOf(serverSamples()));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.parley.protocol.MessageCodecTest#clientSamples")
        void clientMessageDecodesToAnEqualMessage(ClientMessage message) throws CodecException {
            String json = CODEC.encode(message);
            assertEquals(message, CODEC.decodeClient(json), json);
            assertEquals(json, CODEC.encode(CODEC.decodeClient(json)), "encoding is stable");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.parley.protocol.MessageCodecTest#serverSamples")
        void serverMessageDecodesToAnEqualMessage(ServerMessage message) throws CodecException {
            String json = CODEC.encode(message);
            assertEquals(message, CODEC.decodeServer(json), json);
            assertEquals(json, CODEC.encode(CODEC.decodeServer(json)), "encoding is stable");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.parley.protocol.MessageCodecTest#clientSamples")
        void clientMessageIsOneLineOfJsonStartingWithItsType(ClientMessage message) throws Exception {
            String json = CODEC.encode(message);
            assertTrue(!json.contains("\n") && !json.contains("\r"), json);
            assertTrue(json.startsWith("{\"type\":\""), json);
            assertTrue(json.getBytes(StandardCharsets.UTF_8).length < Limits.MAX_FRAME_BYTES);
            assertEquals(message.id(), new ObjectMapper().readTree(json).get("id").asLong());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.parley.protocol.MessageCodecTest#serverSamples")
        void serverMessageIsOneLineOfJsonStartingWithItsType(ServerMessage message) {
            String json = CODEC.encode(message);
            assertTrue(!json.contains("\n") && !json.contains("\r"), json);
            assertTrue(json.startsWith("{\"type\":\""), json);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.parley.protocol.MessageCodecTest#clientSamples")
        void serverDecoderRefusesClientMessagesAsUnknownType(ClientMessage message) {
            assertServerRefuses(CODEC.encode(message), ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE, message.id());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.parley.protocol.MessageCodecTest#serverSamples")
        void clientDecoderRefusesServerMessagesAsUnknownType(ServerMessage message) {
            long id = message instanceof ServerMessage.Reply reply ? reply.id() : 0;
            assertClientRefuses(CODEC.encode(message), ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE, id);
        }

        @Test
        void typeNamesOnTheWire() throws Exception {
            Map<Class<?>, String> expected = Map.ofEntries(
                    Map.entry(ClientMessage.Login.class, "login"),
                    Map.entry(ClientMessage.Resume.class, "resume"),
                    Map.entry(ClientMessage.Logout.class, "logout"),
                    Map.entry(ClientMessage.Heartbeat.class, "heartbeat"),
                    Map.entry(ClientMessage.RenewToken.class, "renewToken"),
                    Map.entry(ClientMessage.Publish.class, "publish"),
                    Map.entry(ClientMessage.StopPublish.class, "stopPublish"),
                    Map.entry(ClientMessage.SetStreamExtraInfo.class, "setStreamExtraInfo"),
                    Map.entry(ClientMessage.SetStreamMedia.class, "setStreamMedia"),
                    Map.entry(ClientMessage.SetRoomExtraInfo.class, "setRoomExtraInfo"),
                    Map.entry(ClientMessage.SendBroadcast.class, "sendBroadcast"),
                    Map.entry(ClientMessage.SendCustomCommand.class, "sendCustomCommand"),
                    Map.entry(ClientMessage.RelaySignal.class, "relaySignal"),
                    Map.entry(ClientMessage.QueryRoomUsers.class, "queryRoomUsers"),
                    Map.entry(ClientMessage.SetPlayLayer.class, "setPlayLayer"),
                    Map.entry(ServerMessage.Welcome.class, "welcome"),
                    Map.entry(ServerMessage.Ack.class, "ack"),
                    Map.entry(ServerMessage.LoginAccepted.class, "loginAccepted"),
                    Map.entry(ServerMessage.ResumeAccepted.class, "resumeAccepted"),
                    Map.entry(ServerMessage.BroadcastSent.class, "broadcastSent"),
                    Map.entry(ServerMessage.RoomUsers.class, "roomUsers"),
                    Map.entry(ServerMessage.Redirect.class, "redirect"),
                    Map.entry(ServerMessage.UserUpdate.class, "userUpdate"),
                    Map.entry(ServerMessage.StreamUpdate.class, "streamUpdate"),
                    Map.entry(ServerMessage.StreamExtraInfoUpdate.class, "streamExtraInfoUpdate"),
                    Map.entry(ServerMessage.StreamMediaUpdate.class, "streamMediaUpdate"),
                    Map.entry(ServerMessage.RoomExtraInfoUpdate.class, "roomExtraInfoUpdate"),
                    Map.entry(ServerMessage.BroadcastReceived.class, "broadcastReceived"),
                    Map.entry(ServerMessage.CustomCommandReceived.class, "customCommandReceived"),
                    Map.entry(ServerMessage.SignalReceived.class, "signalReceived"),
                    Map.entry(ServerMessage.TokenWillExpire.class, "tokenWillExpire"),
                    Map.entry(ServerMessage.IceServersUpdate.class, "iceServersUpdate"),
                    Map.entry(ServerMessage.KickedOut.class, "kickedOut"));
            ObjectMapper plain = new ObjectMapper();
            Map<Class<?>, Object> samples = Stream.concat(clientSamples(), serverSamples())
                    .map(a -> ((Named<?>) a.get()[0]).getPayload())
                    .collect(Collectors.toMap(Object::getClass, Function.identity(), (a, b) -> a));
            assertEquals(expected.keySet(), samples.keySet());
            for (Map.Entry<Class<?>, Object> e : samples.entrySet()) {
                JsonNode tree = plain.readTree(CODEC.encode(e.getValue()));
                assertEquals(expected.get(e.getKey()), tree.get("type").asText(), e.getKey().getSimpleName());
            }
        }

        @Test
        void heartbeatWireFormat() throws CodecException {
            assertEquals(j("{'type':'heartbeat','id':5}"), CODEC.encode(new ClientMessage.Heartbeat(5)));
            assertEquals(new ClientMessage.Heartbeat(5), CODEC.decodeClient(j("{'type':'heartbeat','id':5}")));
        }

        @Test
        void redirectAndMoveNoticeWireFormat() throws CodecException {
            assertEquals(j("{'type':'redirect','id':3,'code':1002028,'url':'ws://10.0.0.7:7878'}"),
                    CODEC.encode(ServerMessage.Redirect.to(3, "ws://10.0.0.7:7878")));
            assertEquals(new ServerMessage.KickedOut("r", 0, 1002029, "moved", "wss://b:7878"),
                    CODEC.decodeServer(j("{'type':'kickedOut','roomId':'r','seq':0,'code':1002029,'reason':'moved',"
                            + "'url':'wss://b:7878'}")));
            // a notice without a node to move to is the one older servers send
            assertEquals(j("{'type':'kickedOut','roomId':'r','seq':0,'code':1002020,'reason':'bye'}"),
                    CODEC.encode(new ServerMessage.KickedOut("r", 0, 1002020, "bye")));
        }

        @Test
        void nullFieldsAreLeftOutAndDecodeBackToNull() throws CodecException {
            String json = CODEC.encode(ServerMessage.Ack.ok(7));
            assertEquals(j("{'type':'ack','id':7,'code':0}"), json);
            assertEquals(ServerMessage.Ack.ok(7), CODEC.decodeServer(json));
        }

        @Test
        void handWrittenLoginDecodes() throws CodecException {
            ClientMessage decoded = CODEC.decodeClient(j("""
                    {'type':'login','id':9,'protocolVersion':1,'appId':7,'roomId':'r1',
                     'user':{'userId':'u1','userName':'U One'},'userStatusNotify':true,'maxMemberCount':10,
                     'token':'t','streams':[{'streamId':'s1','user':{'userId':'u1','userName':''},
                     'channel':'MAIN','audio':true,'video':false}]}"""));
            ClientMessage.Login login = assertInstanceOf(ClientMessage.Login.class, decoded);
            assertEquals(9, login.id());
            assertEquals(new UserInfo("u1", "U One"), login.user());
            assertEquals(List.of(new StreamInfo("s1", new UserInfo("u1", ""), PublishChannel.MAIN, null, true, false)),
                    login.streams());
            assertEquals(null, login.proof());
        }

        @Test
        void omittedListsDecodeAsEmptyLists() throws CodecException {
            ClientMessage.Login login = (ClientMessage.Login) CODEC.decodeClient(j(
                    "{'type':'login','id':9,'protocolVersion':1,'appId':7,'roomId':'r','user':{'userId':'u'},"
                            + "'userStatusNotify':false,'maxMemberCount':0,'token':'t'}"));
            assertEquals(List.of(), login.streams());
        }

        @Test
        void propertyOrderDoesNotMatterAndTheTypeMayComeLast() throws CodecException {
            assertEquals(new ClientMessage.StopPublish(ID, "s"), CODEC.decodeClient(j("{'streamId':'s','id':41,'type':'stopPublish'}")));
        }

        @Test
        void whitespaceAroundTheObjectIsAllowed() throws CodecException {
            assertEquals(new ClientMessage.Heartbeat(ID), CODEC.decodeClient(j(" \r\n\t{ 'type' : 'heartbeat' , 'id' : 41 }\n ")));
        }

        @Test
        void stringOfExactly64KiCharactersPassesTheCodec() throws CodecException {
            String message = "m".repeat(Limits.MAX_FRAME_BYTES);
            ClientMessage decoded = CODEC.decodeClient(j("{'type':'sendBroadcast','id':41,'message':'") + message + "\"}");
            assertEquals(new ClientMessage.SendBroadcast(ID, message), decoded);
        }

        @Test
        void nestingExactlyAtTheLimitIsNotRefusedForDepth() {
            // The object itself is level 1, so 15 arrays inside it reach the limit of 16. The only fault left is the
            // unknown property, which is reported as such, with the id.
            assertEquals(16, Limits.MAX_JSON_NESTING_DEPTH);
            String json = j("{'id':41,'x':") + nestedArrays(Limits.MAX_JSON_NESTING_DEPTH - 1) + j(",'type':'heartbeat'}");
            assertClientRefuses(json, ErrorCode.COMMON_INVALID_FIELD, ID);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Strict parsing
    // ---------------------------------------------------------------------------------------------

    @Nested
    class Malformed {
        @ParameterizedTest
        @ValueSource(strings = {
                "{\"type\":\"heartbeat\",\"id\":41",
                "{\"type\":\"heartbeat\" \"id\":41}",
                "{\"type\":\"heartbeat\",\"id\":}",
                "{\"type\":\"heartbeat\",\"id\":41,}",
                "{type:\"heartbeat\",id:41}",
                "{'type':'heartbeat','id':41}",
                "{\"type\":\"heartbeat\",/*c*/\"id\":41}",
                "{\"type\":\"heartbeat\",\"id\":NaN}",
                "{\"type\":\"heartbeat\",\"id\":0x29}",
                "{\"type\":\"heartbeat\",\"id\":041}",
                "{\"type\":\"heartbeat\",\"id\":+41}",
                "{\"type\":\"heartbeat\u0000\",\"id\":41}",
                "\uFEFF{\"type\":\"heartbeat\",\"id\":41}",
                "heartbeat",
                "}",
                "{\"type\":\"heartbeat\",\"id\":41}}",
        })
        void invalidJsonIsMalformed(String json) {
            assertClientRefuses(json, ErrorCode.COMMON_MALFORMED_MESSAGE, 0);
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", " ", "\n", "\t\r\n  "})
        void emptyOrBlankInputIsMalformed(String json) {
            assertClientRefuses(json, ErrorCode.COMMON_MALFORMED_MESSAGE, 0);
            assertServerRefuses(json, ErrorCode.COMMON_MALFORMED_MESSAGE, 0);
        }

        @Test
        void garbageBytesAreMalformed() {
            // Non-ASCII bytes and control characters, read as UTF-8 (mostly U+FFFD) and as Latin-1.
            for (long seed = 1; seed <= 200; seed++) {
                Random random = new Random(seed);
                byte[] bytes = new byte[1 + random.nextInt(300)];
                for (int i = 0; i < bytes.length; i++) {
                    int b = random.nextInt(4) == 0 ? random.nextInt(0x20) : 0x80 + random.nextInt(0x80);
                    bytes[i] = (byte) b;
                }
                for (Charset charset : new Charset[] {StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1}) {
                    String text = new String(bytes, charset);
                    assertClientRefuses(text, ErrorCode.COMMON_MALFORMED_MESSAGE, 0);
                }
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"\u0000", "\u0000\u0000{}", "\uFFFD\uFFFD\uFFFD", "\uD800", "\uDC00{\"type\":1}", "\u00ff\u00fe{",
                "\u0007\u0008", "\u00c3\u00a9\u00c3", "7\uFFFD\u00ff"})
        void nonUtf8LikeTextIsMalformed(String text) {
            assertClientRefuses(text, ErrorCode.COMMON_MALFORMED_MESSAGE, 0);
            assertServerRefuses(text, ErrorCode.COMMON_MALFORMED_MESSAGE, 0);
        }

        @Test
        void arbitraryRandomBytesAreAlwaysRefusedWithACodecException() {
            for (long seed = 1; seed <= 500; seed++) {
                Random random = new Random(seed);
                byte[] bytes = new byte[1 + random.nextInt(200)];
                random.nextBytes(bytes);
                String text = new String(bytes, StandardCharsets.UTF_8);
                CodecException e = refusedByClientDecoder(text);
                assertNotNull(e.error());
                assertEquals(0, e.requestId());
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "{'type':'heartbeat','id':41,'id':41}",
                "{'type':'heartbeat','id':41,'id':42}",
                "{'type':'heartbeat','type':'logout','id':41}",
                "{'type':'renewToken','id':41,'token':'a','token':'b'}",
        })
        void duplicateKeysAreMalformed(String json) {
            assertClientRefuses(j(json), ErrorCode.COMMON_MALFORMED_MESSAGE, 0);
        }

        @ParameterizedTest
        @ValueSource(strings = {"{'type':'heartbeat','id':41} xyz", "{'type':'heartbeat','id':41},", "{'type':'heartbeat','id':41}}",
                "{'type':'heartbeat','id':41}]"})
        void trailingGarbageAfterTheObjectIsMalformed(String json) {
            assertClientRefuses(j(json), ErrorCode.COMMON_MALFORMED_MESSAGE, 0);
        }

        @Test
        void nestingOneLevelDeeperThanTheLimitIsMalformed() {
            String json = j("{'id':41,'x':") + nestedArrays(Limits.MAX_JSON_NESTING_DEPTH) + j(",'type':'heartbeat'}");
            assertClientRefuses(json, ErrorCode.COMMON_MALFORMED_MESSAGE, 0);
        }

        @Test
        void overlongStringBeforeTheTypeIsMalformed() {
            String json = j("{'id':41,'message':'") + "m".repeat(Limits.MAX_FRAME_BYTES + 1) + j("','type':'sendBroadcast'}");
            assertClientRefuses(json, ErrorCode.COMMON_MALFORMED_MESSAGE, 0);
        }

        @Test
        void overlongPropertyNameIsMalformed() {
            String json = j("{'type':'sendBroadcast','id':41,'") + "k".repeat(100_000) + j("':'x'}");
            assertClientRefuses(json, ErrorCode.COMMON_MALFORMED_MESSAGE, 0);
        }

        @Test
        void overlongNumberIsMalformed() {
            assertClientRefuses(j("{'type':'heartbeat','id':") + "9".repeat(1000) + "}", ErrorCode.COMMON_MALFORMED_MESSAGE, 0);
        }
    }

    /**
     * Input that is not one well-formed JSON document, with the fault inside a property value, after the object,
     * or after a leading JSON scalar. The codec binds while it parses, so these faults surface as binding errors
     * (an invalid field, or an unknown type for a leading scalar) rather than as a malformed message.
     */
    static Stream<Arguments> notOneWellFormedDocument() {
        return Stream.of(
                Arguments.of(Named.of("duplicate key in a nested object",
                        j("{'type':'login','id':41,'user':{'userId':'a','userId':'b'}}"))),
                Arguments.of(Named.of("syntax error in a nested object",
                        j("{'type':'login','id':41,'user':{'userId':'a' 'userName':'b'}}"))),
                Arguments.of(Named.of("raw control character inside a string",
                        j("{'type':'sendBroadcast','id':41,'message':'a\u0001b'}"))),
                Arguments.of(Named.of("nesting over the limit after the type",
                        j("{'type':'login','id':41,'user':") + "{\"a\":".repeat(20) + "1" + "}".repeat(20) + "}")),
                Arguments.of(Named.of("nesting over the limit at top level", nestedArrays(40))),
                Arguments.of(Named.of("string over 64 KiB after the type",
                        j("{'type':'sendBroadcast','id':41,'message':'") + "m".repeat(Limits.MAX_FRAME_BYTES + 1) + "\"}")),
                Arguments.of(Named.of("string over 64 KiB, 100000 chars",
                        j("{'type':'sendBroadcast','id':41,'message':'") + "m".repeat(100_000) + "\"}")),
                Arguments.of(Named.of("a second object after the first", j("{'type':'heartbeat','id':41} {}"))),
                Arguments.of(Named.of("a number after the object", j("{'type':'heartbeat','id':41} 5"))),
                Arguments.of(Named.of("a second message after the first",
                        j("{'type':'heartbeat','id':41}{'type':'heartbeat','id':42}"))),
                Arguments.of(Named.of("unterminated string of garbage", "\"abc\u0000\uFFFD\u0001")),
                Arguments.of(Named.of("number, space, garbage", "7 \uFFFD\u00ff")),
                Arguments.of(Named.of("literal, space, garbage", "true \u0000")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notOneWellFormedDocument")
    void notOneWellFormedJsonDocumentIsRefusedWithoutARequestId(String json) {
        CodecException e = refusedByClientDecoder(json);
        assertEquals(0, e.requestId(), () -> e.error() + ": " + e.getMessage());
    }
    @ParameterizedTest(name = "{0}")
    @MethodSource("notOneWellFormedDocument")
    void notOneWellFormedJsonDocumentIsMalformedWhereverTheFaultSits(String json) {
        assertClientRefuses(json, ErrorCode.COMMON_MALFORMED_MESSAGE, 0);
    }

    @Nested
    class UnknownType {
        @ParameterizedTest
        @ValueSource(strings = {"[1,2]", "[\"nope\"]", "5", "-1.5", "\"heartbeat\"", "true", "false"})
        void jsonValuesThatAreNotObjectsHaveNoMessageType(String json) {
            assertClientRefuses(json, ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE, 0);
            assertServerRefuses(json, ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE, 0);
        }

        @Test
        void emptyTopLevelArrayIsRefused() {
            refusedByClientDecoder("[]");
        }
        @ParameterizedTest
        @ValueSource(strings = {"null", " null\n"})
        void topLevelNullIsRefused(String json) {
            assertClientRefuses(json, ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE, 0);
            assertServerRefuses(json, ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE, 0);
        }
        @ParameterizedTest
        @ValueSource(strings = {"['heartbeat',{'id':41}]", "['logout',{'id':41}]", "[]"})
        void topLevelArraysAreRefusedAsUnknownType(String json) {
            assertClientRefuses(j(json), ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE, 0);
        }

        @ParameterizedTest
        @ValueSource(strings = {"{'id':41}", "{'id':41,'roomId':'r'}", "{'id':41,'type':null}", "{'roomId':'r','id':41}"})
        void missingTypeIsUnknownTypeAndEchoesTheId(String json) {
            assertClientRefuses(j(json), ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE, ID);
        }

        @Test
        void emptyObjectIsUnknownTypeWithoutAnId() {
            assertClientRefuses("{}", ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE, 0);
        }

        @ParameterizedTest
        @ValueSource(strings = {"nope", "Heartbeat", "HEARTBEAT", "heartbeat ", "", "welcome", "ack", "Login"})
        void unknownTypeIsUnknownTypeAndEchoesTheId(String type) {
            assertClientRefuses(j("{'type':'" + type + "','id':41}"), ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE, ID);
        }

        @Test
        void numericTypeIsUnknownType() {
            assertClientRefuses(j("{'type':5,'id':41}"), ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE, ID);
        }

        @Test
        void serverDecoderRefusesUnknownTypes() {
            assertServerRefuses(j("{'type':'login','id':41}"), ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE, ID);
            assertServerRefuses(j("{'id':41,'code':0}"), ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE, ID);
        }
    }

    @Nested
    class InvalidField {
        private static final String LOGIN_FIELDS =
                "'protocolVersion':1,'appId':7,'roomId':'r','user':{'userId':'u','userName':'n'},'userStatusNotify':true,"
                        + "'maxMemberCount':0,'token':'t'";

        private String login(String overrides) {
            return j("{'type':'login','id':41," + overrides + "}");
        }

        @Test
        void validLoginTemplateDecodes() throws CodecException {
            assertInstanceOf(ClientMessage.Login.class, CODEC.decodeClient(login(LOGIN_FIELDS)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"{'type':'heartbeat','id':41,'x':1}", "{'type':'heartbeat','id':41,'ID':41}",
                "{'type':'heartbeat','id':41,'Type':'heartbeat'}", "{'type':'heartbeat','id':41,'extra':null}",
                "{'type':'logout','id':41,'roomId':'r'}", "{'type':'heartbeat','id':41,'seq':{}}"})
        void unknownPropertyIsInvalidFieldAndEchoesTheId(String json) {
            assertClientRefuses(j(json), ErrorCode.COMMON_INVALID_FIELD, ID);
        }

        @Test
        void unknownPropertyInANestedObjectIsInvalidField() {
            assertClientRefuses(login(LOGIN_FIELDS.replace("'userName':'n'", "'userName':'n','avatar':'x'")),
                    ErrorCode.COMMON_INVALID_FIELD, ID);
        }

        @Test
        void stringForTheNumericIdIsInvalidFieldWithoutAnId() {
            assertClientRefuses(j("{'type':'heartbeat','id':'41'}"), ErrorCode.COMMON_INVALID_FIELD, 0);
            assertClientRefuses(j("{'type':'heartbeat','id':''}"), ErrorCode.COMMON_INVALID_FIELD, 0);
        }

        @ParameterizedTest
        @ValueSource(strings = {"'appId':'7'", "'protocolVersion':'1'", "'maxMemberCount':''", "'appId':'0x7'"})
        void stringWhereANumberIsExpectedIsInvalidField(String override) {
            String field = override.substring(1, override.indexOf('\'', 1));
            String fields = LOGIN_FIELDS.replaceFirst("'" + field + "':[^,]*", override);
            assertClientRefuses(login(fields), ErrorCode.COMMON_INVALID_FIELD, ID);
        }

        @Test
        void stringForALongInAnotherMessageIsInvalidField() {
            assertClientRefuses(j("{'type':'resume','id':41,'sessionId':'s','lastSeq':'5'}"), ErrorCode.COMMON_INVALID_FIELD, ID);
        }

        @ParameterizedTest
        @ValueSource(strings = {"'roomId':123", "'roomId':1.5", "'roomId':true", "'token':0", "'roomId':{}", "'roomId':['r']"})
        void nonStringWhereAStringIsExpectedIsInvalidField(String override) {
            String field = override.substring(1, override.indexOf('\'', 1));
            String fields = LOGIN_FIELDS.replaceFirst("'" + field + "':[^,]*", override);
            assertClientRefuses(login(fields), ErrorCode.COMMON_INVALID_FIELD, ID);
        }

        @Test
        void numberForANestedOrListedStringIsInvalidField() {
            assertClientRefuses(login(LOGIN_FIELDS.replace("'userId':'u'", "'userId':7")), ErrorCode.COMMON_INVALID_FIELD, ID);
            assertClientRefuses(j("{'type':'sendCustomCommand','id':41,'toUserIds':['a',1],'command':'c'}"),
                    ErrorCode.COMMON_INVALID_FIELD, ID);
            assertClientRefuses(j("{'type':'sendCustomCommand','id':41,'toUserIds':'a','command':'c'}"),
                    ErrorCode.COMMON_INVALID_FIELD, ID);
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "0", "'true'", "'false'", "'yes'", "null", "1.0", "[]"})
        void nonBooleanWhereABooleanIsExpectedIsInvalidField(String value) {
            String fields = LOGIN_FIELDS.replace("'userStatusNotify':true", "'userStatusNotify':" + value);
            assertClientRefuses(login(fields), ErrorCode.COMMON_INVALID_FIELD, ID);
            assertClientRefuses(j("{'type':'publish','id':41,'streamId':'s','channel':'MAIN','audio':" + value + ",'video':true}"),
                    ErrorCode.COMMON_INVALID_FIELD, ID);
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.0", "1.5", "1e0", "1E2", "-0.0"})
        void floatWhereAnIntIsExpectedIsInvalidField(String value) {
            String fields = LOGIN_FIELDS.replace("'protocolVersion':1", "'protocolVersion':" + value);
            assertClientRefuses(login(fields), ErrorCode.COMMON_INVALID_FIELD, ID);
            assertClientRefuses(j("{'type':'resume','id':41,'sessionId':'s','lastSeq':" + value + "}"),
                    ErrorCode.COMMON_INVALID_FIELD, ID);
        }

        @Test
        void floatForTheIdIsInvalidFieldWithoutAnId() {
            assertClientRefuses(j("{'type':'heartbeat','id':41.0}"), ErrorCode.COMMON_INVALID_FIELD, 0);
            assertClientRefuses(j("{'type':'heartbeat','id':41.5}"), ErrorCode.COMMON_INVALID_FIELD, 0);
        }

        @Test
        void integerOutOfRangeIsInvalidField() {
            assertClientRefuses(j("{'type':'heartbeat','id':9223372036854775808}"), ErrorCode.COMMON_INVALID_FIELD, 0);
            assertClientRefuses(login(LOGIN_FIELDS.replace("'protocolVersion':1", "'protocolVersion':2147483648")),
                    ErrorCode.COMMON_INVALID_FIELD, ID);
        }

        @Test
        void missingOrNullPrimitiveIsInvalidField() {
            assertClientRefuses(j("{'type':'heartbeat'}"), ErrorCode.COMMON_INVALID_FIELD, 0);
            assertClientRefuses(j("{'type':'heartbeat','id':null}"), ErrorCode.COMMON_INVALID_FIELD, 0);
            assertClientRefuses(login(LOGIN_FIELDS.replace("'protocolVersion':1,", "")), ErrorCode.COMMON_INVALID_FIELD, ID);
            assertClientRefuses(login(LOGIN_FIELDS.replace("'appId':7", "'appId':null")), ErrorCode.COMMON_INVALID_FIELD, ID);
        }

        @ParameterizedTest
        @ValueSource(strings = {"'main'", "'Main'", "0", "1", "'SCREEN'", "''", "true"})
        void enumValueOtherThanAnExactConstantNameIsInvalidField(String channel) {
            assertClientRefuses(j("{'type':'publish','id':41,'streamId':'s','channel':" + channel + ",'audio':true,'video':true}"),
                    ErrorCode.COMMON_INVALID_FIELD, ID);
        }

        @Test
        void theLargestIdIsEchoed() {
            assertClientRefuses(j("{'type':'heartbeat','id':9223372036854775807,'x':1}"), ErrorCode.COMMON_INVALID_FIELD,
                    Long.MAX_VALUE);
        }

        @Test
        void serverDecoderIsEquallyStrict() {
            assertServerRefuses(j("{'type':'ack','id':41,'code':'0'}"), ErrorCode.COMMON_INVALID_FIELD, ID);
            assertServerRefuses(j("{'type':'ack','id':41,'code':0,'extra':1}"), ErrorCode.COMMON_INVALID_FIELD, ID);
            assertServerRefuses(j("{'type':'tokenWillExpire','roomId':'r','seq':1.5,'secondsLeft':30}"),
                    ErrorCode.COMMON_INVALID_FIELD, 0);
            assertServerRefuses(j("{'type':'welcome','protocolVersion':1,'nonce':7,'serverTime':0}"), ErrorCode.COMMON_INVALID_FIELD,
                    0);
        }
    }
}
