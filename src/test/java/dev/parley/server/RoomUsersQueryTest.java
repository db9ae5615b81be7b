package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.AppSignProof;
import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MessageCodec;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.ServerMessage.RoomUsers;
import dev.parley.server.token.TokenFormat;
import dev.parley.server.token.TokenMinter;
import dev.parley.testing.RawClient;
import dev.parley.testing.RawClients;
import dev.parley.testing.TestServers;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The room-users query over raw sockets: who is in one room, asked before logging in, with the
 * same authentication as a login and nothing said about other rooms or apps.
 */
class RoomUsersQueryTest {
    private final RawClients clients = new RawClients();
    private ParleyServer server;

    @BeforeEach
    void setUp() {
        server = clients.start();
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    private static ClientMessage.QueryRoomUsers signed(RawClient asker, long id, String roomId, String userId) {
        return new ClientMessage.QueryRoomUsers(id, MessageCodec.PROTOCOL_VERSION, TestServers.APP_ID, roomId, userId,
                null, AppSignProof.sign(TestServers.APP_SIGN, TestServers.APP_ID, userId, asker.nonce(),
                System.currentTimeMillis()));
    }

    private static ClientMessage.QueryRoomUsers withToken(long id, long appId, String roomId, String userId, String token) {
        return new ClientMessage.QueryRoomUsers(id, MessageCodec.PROTOCOL_VERSION, appId, roomId, userId, token, null);
    }

    /** Changes one character in the middle of the token's signature. */
    private static String tampered(String token) {
        int at = token.lastIndexOf('.') + (token.length() - token.lastIndexOf('.')) / 2;
        return token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
    }

    @Test
    void listsTheUsersOfTheOneRoomAskedAboutAndWhetherTheAskersIdIsInUse() {
        RawClient alice = clients.connect(server);
        alice.login("standup", "alice", true);
        RawClient bob = clients.connect(server);
        bob.login("standup", "bob", true);
        RawClient carol = clients.connect(server);
        carol.login("elsewhere", "carol", true);

        RawClient asker = clients.connect(server);
        RoomUsers standup = assertInstanceOf(RoomUsers.class, asker.ok(id -> signed(asker, id, "standup", "alice")));
        assertEquals("standup", standup.roomId());
        assertEquals(List.of("alice", "bob"), standup.userIds());
        assertTrue(standup.userIdInUse());

        RoomUsers asFree = assertInstanceOf(RoomUsers.class, asker.ok(id -> signed(asker, id, "standup", "alice-2")));
        assertEquals(List.of("alice", "bob"), asFree.userIds());
        assertFalse(asFree.userIdInUse());

        // carol is in another room: her ID is in use, but the room asked about does not list her
        RoomUsers asCarol = assertInstanceOf(RoomUsers.class, asker.ok(id -> signed(asker, id, "standup", "carol")));
        assertEquals(List.of("alice", "bob"), asCarol.userIds());
        assertTrue(asCarol.userIdInUse());

        RoomUsers empty = assertInstanceOf(RoomUsers.class, asker.ok(id -> signed(asker, id, "nobody-here", "dave")));
        assertEquals(List.of(), empty.userIds());
        assertFalse(empty.userIdInUse());

        // asking is not joining: nobody saw the asker, and the room is as it was
        alice.assertNone(ServerMessage.UserUpdate.class, u -> !u.users().get(0).userId().equals("bob"));
        assertEquals(new ServerStats(2, 3, 0, 4), server.stats());
        // the asker can still log in on the same connection
        asker.login("standup", "dave", true);
    }

    @Test
    void refusesWhatALoginWouldRefuse() {
        RawClient alice = clients.connect(server);
        alice.login("standup", "alice", true);
        RawClient asker = clients.connect(server);
        asker.expectError(ErrorCode.ROOM_AUTH_FAILED, id -> new ClientMessage.QueryRoomUsers(id,
                MessageCodec.PROTOCOL_VERSION, TestServers.APP_ID, "standup", "mallory", null,
                AppSignProof.sign("not-the-app-sign", TestServers.APP_ID, "mallory", asker.nonce(), System.currentTimeMillis())));
        asker.expectError(ErrorCode.ROOM_AUTH_FAILED, id -> new ClientMessage.QueryRoomUsers(id,
                MessageCodec.PROTOCOL_VERSION, TestServers.APP_ID, "standup", "mallory", null,
                AppSignProof.sign(TestServers.APP_SIGN, TestServers.APP_ID, "mallory", "another-nonce", System.currentTimeMillis())));
        asker.expectError(ErrorCode.ROOM_SIGNATURE_EXPIRED, id -> new ClientMessage.QueryRoomUsers(id,
                MessageCodec.PROTOCOL_VERSION, TestServers.APP_ID, "standup", "mallory", null,
                AppSignProof.sign(TestServers.APP_SIGN, TestServers.APP_ID, "mallory", asker.nonce(),
                        System.currentTimeMillis() - Duration.ofMinutes(10).toMillis())));
        asker.expectError(ErrorCode.ROOM_TOKEN_MISSING, id -> withToken(id, TestServers.APP_ID, "standup", "mallory", null));
        asker.expectError(ErrorCode.ROOM_UNKNOWN_APP, id -> new ClientMessage.QueryRoomUsers(id,
                MessageCodec.PROTOCOL_VERSION, 999, "standup", "mallory", null,
                AppSignProof.sign(TestServers.APP_SIGN, 999, "mallory", asker.nonce(), System.currentTimeMillis())));
        asker.expectError(ErrorCode.ROOM_INVALID_ROOM_ID, id -> signed(asker, id, "", "mallory"));
        asker.expectError(ErrorCode.ROOM_INVALID_USER_ID, id -> signed(asker, id, "standup", "x".repeat(65)));
        asker.expectError(ErrorCode.COMMON_UNSUPPORTED_PROTOCOL, id -> new ClientMessage.QueryRoomUsers(id,
                MessageCodec.PROTOCOL_VERSION + 1, TestServers.APP_ID, "standup", "mallory", null,
                AppSignProof.sign(TestServers.APP_SIGN, TestServers.APP_ID, "mallory", asker.nonce(), System.currentTimeMillis())));
        asker.expectError(ErrorCode.COMMON_INVALID_FIELD, id -> signed(asker, 0, "standup", "mallory"));
        // the codec is as strict as for every other request
        int mark = asker.mark();
        asker.send("{\"type\":\"queryRoomUsers\",\"id\":77,\"protocolVersion\":1,\"appId\":\"1001\",\"roomId\":\"standup\","
                + "\"userId\":\"mallory\"}");
        assertEquals(ErrorCode.COMMON_INVALID_FIELD.code(), asker.awaitReply(77, mark, RawClient.TIMEOUT).code());
        mark = asker.mark();
        asker.send("{\"type\":\"queryRoomUsers\",\"id\":78,\"protocolVersion\":1,\"appId\":1001,\"roomId\":\"standup\","
                + "\"userId\":\"mallory\",\"everyRoom\":true}");
        assertEquals(ErrorCode.COMMON_INVALID_FIELD.code(), asker.awaitReply(78, mark, RawClient.TIMEOUT).code());
        assertTrue(asker.all(RoomUsers.class).isEmpty(), "nothing answered to a refused query");
    }

    @Test
    void aTokenAnswersOnlyForItsUserRoomAndApp() {
        RawClient alice = clients.connect(server);
        alice.login("standup", "alice", true);
        TokenMinter minter = new TokenMinter(TestServers.APP_ID, TestServers.SERVER_SECRET, TokenFormat.SIGNED, Clock.systemUTC());
        String forStandup = minter.mint("erin", "standup", true, List.of(), Duration.ofMinutes(5));
        RawClient asker = clients.connect(server);

        RoomUsers answered = assertInstanceOf(RoomUsers.class,
                asker.ok(id -> withToken(id, TestServers.APP_ID, "standup", "erin", forStandup)));
        assertEquals(List.of("alice"), answered.userIds());
        asker.expectError(ErrorCode.ROOM_TOKEN_WRONG_ROOM, id -> withToken(id, TestServers.APP_ID, "other", "erin", forStandup));
        asker.expectError(ErrorCode.ROOM_TOKEN_WRONG_USER, id -> withToken(id, TestServers.APP_ID, "standup", "alice", forStandup));
        asker.expectError(ErrorCode.ROOM_TOKEN_WRONG_APP,
                id -> withToken(id, TestServers.OTHER_APP_ID, "standup", "erin", forStandup));
        asker.expectError(ErrorCode.ROOM_TOKEN_INVALID,
                id -> withToken(id, TestServers.APP_ID, "standup", "erin", tampered(forStandup)));
        // a user of another app asking about a room of the same name learns nothing of this app's room
        String otherApp = new TokenMinter(TestServers.OTHER_APP_ID, TestServers.OTHER_SECRET, TokenFormat.SIGNED,
                Clock.systemUTC()).mint("erin", null, true, List.of(), Duration.ofMinutes(5));
        RoomUsers foreign = assertInstanceOf(RoomUsers.class,
                asker.ok(id -> withToken(id, TestServers.OTHER_APP_ID, "standup", "erin", otherApp)));
        assertEquals(List.of(), foreign.userIds());
    }
}
