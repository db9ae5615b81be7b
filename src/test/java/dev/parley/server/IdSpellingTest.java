package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.CodecException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MessageCodec;
import dev.parley.protocol.PublishChannel;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.ServerMessage.KickedOut;
import dev.parley.protocol.ServerMessage.LoginAccepted;
import dev.parley.protocol.ServerMessage.UserUpdate;
import dev.parley.protocol.UpdateType;
import dev.parley.protocol.UserInfo;
import dev.parley.server.token.TokenClaims;
import dev.parley.server.token.TokenMinter;
import dev.parley.server.token.TokenPrivileges;
import dev.parley.testing.RawClient;
import dev.parley.testing.RawClients;
import dev.parley.testing.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * IDs that look alike, over the wire with raw clients: the NFC and NFD spellings of an ID are one
 * user or one room everywhere the server looks, and IDs or names with invisible,
 * direction-changing or broken characters are refused with their own codes.
 */
class IdSpellingTest {
    /** "josé" with U+00E9. */
    private static final String JOSE_NFC = "jos\u00e9";
    /** "josé" as "e" and U+0301, a combining acute accent. */
    private static final String JOSE_NFD = "jose\u0301";
    private static final String CAFE_NFC = "caf\u00e9";
    private static final String CAFE_NFD = "cafe\u0301";
    private static final MessageCodec CODEC = new MessageCodec();

    private final RawClients clients = new RawClients();
    private ParleyServer server;

    @AfterEach
    void stop() {
        clients.close();
    }

    private RawClient client() {
        return clients.connect(server);
    }

    private static List<String> userIds(List<UserInfo> users) {
        return users.stream().map(UserInfo::userId).toList();
    }

    @Test
    void bothSpellingsOfAUserIdAreOneUserWhoseSecondLoginKicksTheFirst() {
        server = clients.start(b -> b.presenceTimeout(Duration.ofSeconds(30)));
        RawClient watcher = client();
        watcher.login("room", "watcher", true);
        RawClient composed = client();
        composed.login("room", JOSE_NFC, true);
        UserUpdate joined = watcher.awaitPush(UserUpdate.class, u -> u.updateType() == UpdateType.ADD);
        assertEquals(List.of(JOSE_NFC), userIds(joined.users()));

        RawClient decomposed = client();
        LoginAccepted accepted = decomposed.login("room", JOSE_NFD, true);
        KickedOut kicked = composed.awaitPush(KickedOut.class, k -> true, Duration.ofSeconds(1));
        assertEquals(ErrorCode.ROOM_KICKED_OUT.code(), kicked.code());
        assertEquals(SessionLifecycle.CLOSE_SESSION_ENDED, composed.awaitClose(Duration.ofSeconds(1)));
        assertEquals(List.of("watcher"), userIds(accepted.users()), "the NFD login does not see its NFC self");

        // the watcher's roster holds one josé, in NFC, and the server counts one
        watcher.barrier();
        for (UserUpdate update : watcher.all(UserUpdate.class)) {
            assertEquals(List.of(JOSE_NFC), userIds(update.users()), "every update names josé in NFC");
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().connections() == 2);
        assertEquals(new ServerStats(1, 2, 0, 2), server.stats());
        RawClient late = client();
        assertEquals(List.of(JOSE_NFC, "watcher"), userIds(late.login("room", "late", true).users()).stream().sorted().toList());
    }

    @Test
    void bothSpellingsOfARoomIdAreOneRoom() {
        server = clients.start();
        RawClient first = client();
        LoginAccepted firstIn = first.login(CAFE_NFC, "alice", true);
        RawClient second = client();
        LoginAccepted secondIn = second.login(CAFE_NFD, "bob", true);
        assertEquals(CAFE_NFC, secondIn.roomId());
        assertEquals(List.of("alice"), userIds(secondIn.users()));
        UserUpdate bob = first.awaitPush(UserUpdate.class, u -> u.updateType() == UpdateType.ADD);
        assertEquals(CAFE_NFC, bob.roomId());
        assertEquals(firstIn.roomId(), bob.roomId());
        assertEquals(1, server.stats().rooms());
    }

    @Test
    void commandsAndNegotiationAddressedToTheOtherSpellingArrive() {
        server = clients.start();
        RawClient jose = client();
        jose.login("room", JOSE_NFC, true);
        jose.ok(id -> new ClientMessage.Publish(id, "jose-cam", PublishChannel.MAIN, "", true, true));
        RawClient ann = client();
        ann.login("room", "ann", true);

        ann.ok(id -> new ClientMessage.SendCustomCommand(id, List.of(JOSE_NFD), "ping"));
        ServerMessage.CustomCommandReceived command = jose.awaitPush(ServerMessage.CustomCommandReceived.class,
                c -> true);
        assertEquals("ping", command.command());
        ann.ok(id -> new ClientMessage.RelaySignal(id, "jose-cam", JOSE_NFD, dev.parley.protocol.SignalKind.PLAY_REQUEST,
                null));
        ServerMessage.SignalReceived asked = jose.awaitPush(ServerMessage.SignalReceived.class, s -> true);
        assertEquals("ann", asked.fromUserId());
    }

    @Test
    void aTokenMintedForOneSpellingAdmitsTheOther() {
        server = clients.start();
        long now = Instant.now().getEpochSecond();
        TokenMinter minter = new TokenMinter(TestServers.APP_ID, TestServers.SERVER_SECRET);
        // claims written by hand keep the NFD spelling, as another backend's minter might
        String nfdClaims = minter.mint(new TokenClaims(TestServers.APP_ID, JOSE_NFD, CAFE_NFD, TokenPrivileges.all(),
                now, now + 600, "n1"));
        LoginAccepted in = client().loginWithToken(TestServers.APP_ID, CAFE_NFC, JOSE_NFC, nfdClaims);
        assertEquals(CAFE_NFC, in.roomId());
        String minted = minter.mint(JOSE_NFC, CAFE_NFC, true, null, Duration.ofMinutes(10));
        RawClient second = client();
        second.loginWithToken(TestServers.APP_ID, CAFE_NFD, JOSE_NFD, minted);
        second.barrier();
        assertEquals(1, server.stats().rooms());
        assertEquals(1, server.stats().sessions(), "the second login took the first one's place");
    }

    static Stream<Arguments> invisibleCharacters() {
        return Stream.of(
                Arguments.of("right-to-left override", "\\u202e"),
                Arguments.of("zero width space", "\\u200b"),
                Arguments.of("zero width joiner", "\\u200d"),
                Arguments.of("byte order mark", "\\ufeff"),
                Arguments.of("line separator", "\\u2028"),
                Arguments.of("lone high surrogate", "\\ud83d"),
                Arguments.of("lone low surrogate", "\\ude00"));
    }

    /** A login whose room ID, user ID and name are {@code room}, {@code user} and {@code name}, with {@code escape} (a JSON escape) put where each has an X. */
    private static String rawLogin(RawClient c, long id, String room, String user, String name, String escape) {
        ClientMessage.Login login = c.loginRequest(id, room, user, true);
        ClientMessage.Login named = new ClientMessage.Login(id, login.protocolVersion(), login.appId(), room,
                new UserInfo(user, name), true, 0, null, login.proof(), List.of());
        return CODEC.encode(named).replace("X", escape);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invisibleCharacters")
    void idsAndNamesWithInvisibleOrBrokenCharactersAreRefusedWithTheirOwnCodes(String what, String escape)
            throws CodecException {
        server = clients.start();
        RawClient c = client();
        // the escape reaches the server as the character itself, however the client would encode it
        String sample = rawLogin(c, 1, "roomX", "u", "n", escape);
        assertTrue(((ClientMessage.Login) CODEC.decodeClient(sample)).roomId().length() == 5, sample);

        expectRaw(c, ErrorCode.ROOM_ROOM_ID_FORBIDDEN_CHARACTER, id -> rawLogin(c, id, "roomX", "alice", "Alice", escape));
        expectRaw(c, ErrorCode.ROOM_USER_ID_FORBIDDEN_CHARACTER, id -> rawLogin(c, id, "room", "aliXce", "Alice", escape));
        if (!escape.equals("\\u200d")) {
            expectRaw(c, ErrorCode.ROOM_USER_NAME_FORBIDDEN_CHARACTER, id -> rawLogin(c, id, "room", "alice", "AliXce", escape));
        }
        assertEquals(0, server.stats().sessions(), "nobody joined");

        // the connection stays usable, and a stream ID with the character is refused too
        c.login("room", "alice", true);
        expectRaw(c, ErrorCode.PUBLISHER_INVALID_STREAM_ID, id -> CODEC.encode(
                new ClientMessage.Publish(id, "camX", PublishChannel.MAIN, "", true, true)).replace("X", escape));
        assertEquals(0, server.stats().streams());
    }

    @Test
    void aJoinerIsAllowedInANameBetweenEmojiButNotInAUserId() {
        server = clients.start();
        String technologist = "\ud83d\udc69\u200d\ud83d\udcbb";
        RawClient c = client();
        c.expectError(ErrorCode.ROOM_USER_ID_FORBIDDEN_CHARACTER, id -> c.loginRequest(id, "room", technologist, true));
        LoginAccepted in = c.accepted(c.request(id -> new ClientMessage.Login(id, MessageCodec.PROTOCOL_VERSION,
                TestServers.APP_ID, "room", new UserInfo("ada", "Ada " + technologist), true, 0, null,
                c.loginRequest(id, "room", "ada", true).proof(), List.of())));
        RawClient other = client();
        List<UserInfo> seen = other.login(in.roomId(), "bob", true).users();
        assertEquals(List.of(new UserInfo("ada", "Ada " + technologist)), seen);
    }

    private static void expectRaw(RawClient c, ErrorCode expected, java.util.function.LongFunction<String> json) {
        long id = c.nextId();
        int mark = c.mark();
        c.send(json.apply(id));
        ServerMessage.Reply reply = c.awaitReply(id, mark, RawClient.TIMEOUT);
        assertEquals(expected.code(), reply.code(), () -> "reply " + reply);
    }
}
