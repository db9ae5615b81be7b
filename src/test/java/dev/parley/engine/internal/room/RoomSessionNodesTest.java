package dev.parley.engine.internal.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.engine.EngineProfile;
import dev.parley.engine.EventHandler;
import dev.parley.engine.PublishChannel;
import dev.parley.engine.RoomConfig;
import dev.parley.engine.RoomStateChangedReason;
import dev.parley.engine.RoomUsersCallback;
import dev.parley.engine.User;
import dev.parley.engine.internal.core.CallbackDispatcher;
import dev.parley.engine.internal.core.FakeScheduler;
import dev.parley.engine.internal.signaling.RequestIds;
import dev.parley.protocol.AppSignProof;
import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MediaMode;
import dev.parley.protocol.MessageCodec;
import dev.parley.protocol.ServerMessage;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A room session among several server nodes, in fake time against fake nodes: redirects followed
 * (at most three in a row), the profile's other servers tried when one is down, a drain or moved
 * notice leading straight to the named node with the client's streams, and a redirect that would
 * leave TLS refused.
 */
class RoomSessionNodesTest {
    private static final URI NODE_A = URI.create("ws://a.test:7878");
    private static final URI NODE_B = URI.create("ws://b.test:7878");
    private static final URI NODE_C = URI.create("ws://c.test:7878");

    private final FakeScheduler loop = new FakeScheduler();
    private final FakeRoomServer server = new FakeRoomServer();
    private final List<RoomStateChangedReason> states = new ArrayList<>();
    private final List<Integer> codes = new ArrayList<>();

    private RoomServices services(String serverUrl, String... fallbacks) {
        EngineProfile profile = EngineProfile.builder(1, serverUrl)
                .appSign("app-sign")
                .fallbackServerUrls(List.of(fallbacks))
                .reconnectBackoffCap(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(5))
                .build();
        EventHandler handler = new EventHandler() {
            @Override
            public void onRoomStateChanged(String roomID, RoomStateChangedReason reason, int errorCode, String data) {
                states.add(reason);
                codes.add(errorCode);
            }
        };
        return new RoomServices(profile, loop, new CallbackDispatcher(Runnable::run, handler), server, new RequestIds(),
                new NoRoomMedia());
    }

    private RoomSession session(RoomServices services) {
        return new RoomSession(services, "room", new User("me"), RoomConfig.defaults(), null, s -> { });
    }

    @Test
    void aRedirectedLoginIsSignedAgainAtTheNamedNodeAndTheAppSeesOnlyLoginingAndLogined() {
        RoomSession session = session(services(NODE_A.toString()));
        session.start();
        FakeRoomServer.Connection first = server.last();
        assertEquals(NODE_A, first.uri);
        welcome(first, "nonce-a");
        first.reply(ServerMessage.Redirect.to(first.sent(ClientMessage.Login.class).id(), NODE_B.toString()));

        assertTrue(first.closedByClient, "the connection to the node without the room is closed");
        FakeRoomServer.Connection second = server.last();
        assertEquals(NODE_B, second.uri);
        assertNull(second.sent(ClientMessage.Login.class), "the login waits for the new node's welcome");
        welcome(second, "nonce-b");
        ClientMessage.Login login = second.sent(ClientMessage.Login.class);
        assertNotNull(login);
        assertEquals(AppSignProof.sign("app-sign", 1, "me", "nonce-b", login.proof().timestamp()), login.proof(),
                "signed over the new node's nonce");
        accept(second, login);
        first.lose();

        assertEquals(List.of(RoomStateChangedReason.LOGINING, RoomStateChangedReason.LOGINED), states);
        assertTrue(session.connected());
    }

    @Test
    void aFourthRedirectInARowFailsTheLoginWith1002028() {
        RoomSession session = session(services(NODE_A.toString()));
        session.start();
        for (int i = 0; i < ServerTargets.MAX_REDIRECTS_IN_A_ROW; i++) {
            FakeRoomServer.Connection c = server.last();
            welcome(c, "n" + i);
            c.reply(ServerMessage.Redirect.to(c.sent(ClientMessage.Login.class).id(), i % 2 == 0 ? NODE_B.toString()
                    : NODE_C.toString()));
        }
        FakeRoomServer.Connection last = server.last();
        welcome(last, "n");
        last.reply(ServerMessage.Redirect.to(last.sent(ClientMessage.Login.class).id(), NODE_A.toString()));

        assertEquals(ServerTargets.MAX_REDIRECTS_IN_A_ROW + 1, server.connections.size());
        assertEquals(RoomStateChangedReason.LOGIN_FAILED, lastState());
        assertEquals(ErrorCode.ROOM_REDIRECTED.code(), lastCode());
        assertTrue(last.closedByClient);
    }

    @Test
    void aListedServerThatIsDownGivesWayToTheNextAndTheLoginFailsOnlyWhenAllAre() {
        RoomSession session = session(services(NODE_A.toString(), NODE_B.toString()));
        session.start();
        server.last().lose();
        FakeRoomServer.Connection second = server.last();
        assertEquals(NODE_B, second.uri, "the next listed server, at once");
        welcome(second, "nonce");
        accept(second, second.sent(ClientMessage.Login.class));
        assertEquals(RoomStateChangedReason.LOGINED, lastState());

        states.clear();
        RoomSession other = session(services(NODE_A.toString(), NODE_B.toString()));
        other.start();
        server.last().lose();
        server.last().lose();
        assertEquals(List.of(RoomStateChangedReason.LOGINING, RoomStateChangedReason.LOGIN_FAILED), states);
        assertEquals(ErrorCode.ENGINE_SERVER_UNREACHABLE.code(), lastCode());
    }

    @Test
    void aLoginRedirectedToANodeThatIsGoneAsksAgainASecondLater() {
        RoomSession session = session(services(NODE_A.toString()));
        session.start();
        FakeRoomServer.Connection first = server.last();
        welcome(first, "n1");
        first.reply(ServerMessage.Redirect.to(first.sent(ClientMessage.Login.class).id(), NODE_B.toString()));
        server.last().lose(); // node B was killed; its record has not expired yet
        int opened = server.connections.size();
        loop.advance(Duration.ofMillis(RoomSession.REDIRECT_RETRY_MILLIS - 1));
        assertEquals(opened, server.connections.size());
        loop.advance(Duration.ofMillis(1));
        FakeRoomServer.Connection again = server.last();
        assertEquals(NODE_A, again.uri, "back to the listed server");
        welcome(again, "n2");
        accept(again, again.sent(ClientMessage.Login.class)); // node A took the room over
        assertEquals(List.of(RoomStateChangedReason.LOGINING, RoomStateChangedReason.LOGINED), states);
    }

    @Test
    void aDrainNoticeWithAUrlLogsInThereAtOnceCarryingTheStreams() {
        RoomSession session = session(services(NODE_A.toString()));
        FakeRoomServer.Connection first = loggedIn(session);
        session.startPublishing("stream-1", PublishChannel.MAIN);
        ClientMessage.Publish publish = first.sent(ClientMessage.Publish.class);
        first.reply(ServerMessage.Ack.ok(publish.id()));

        first.push(new ServerMessage.KickedOut("room", 0, ErrorCode.ROOM_SERVER_SHUTDOWN.code(), "draining",
                NODE_B.toString()));
        assertTrue(first.closedByClient, "the client leaves the draining node itself");
        first.lose();
        assertEquals(RoomStateChangedReason.RECONNECTING, lastState());
        assertEquals(ErrorCode.ROOM_SERVER_SHUTDOWN.code(), lastCode());
        loop.advance(Duration.ZERO);

        FakeRoomServer.Connection next = server.last();
        assertEquals(NODE_B, next.uri, "straight to the named node, without backoff");
        welcome(next, "nonce-b");
        assertNull(next.sent(ClientMessage.Resume.class), "no resume: the drained node's session is gone");
        ClientMessage.Login login = next.sent(ClientMessage.Login.class);
        assertEquals(List.of("stream-1"), login.streams().stream().map(s -> s.streamId()).toList(),
                "the published stream rides along in the login");
        accept(next, login);
        assertEquals(RoomStateChangedReason.RECONNECTED, lastState());
    }

    @Test
    void aMovedRoomNoticeIsFollowedLikeADrain() {
        RoomSession session = session(services(NODE_A.toString()));
        FakeRoomServer.Connection first = loggedIn(session);
        first.push(new ServerMessage.KickedOut("room", 0, ErrorCode.ROOM_MOVED.code(), "moved", NODE_C.toString()));
        first.lose();
        loop.advance(Duration.ZERO);
        assertEquals(NODE_C, server.last().uri);
        assertEquals(List.of(RoomStateChangedReason.LOGINING, RoomStateChangedReason.LOGINED,
                RoomStateChangedReason.RECONNECTING), states, "not kicked out: the session goes on");
    }

    @Test
    void aReconnectingSessionTriesItsNodeThenTheNextAndFollowsAResumeRedirect() {
        RoomSession session = session(services(NODE_A.toString(), NODE_B.toString()));
        FakeRoomServer.Connection first = loggedIn(session);
        first.lose(); // node A killed
        FakeRoomServer.Connection retry = awaitAttempt();
        assertEquals(NODE_A, retry.uri, "the same node first: the network may have blinked");
        retry.lose();
        FakeRoomServer.Connection toB = awaitAttempt();
        assertEquals(NODE_B, toB.uri);
        welcome(toB, "nb");
        ClientMessage.Resume resume = toB.sent(ClientMessage.Resume.class);
        assertNotNull(resume);
        toB.reply(ServerMessage.Redirect.to(resume.id(), NODE_C.toString()));
        FakeRoomServer.Connection toC = server.last();
        assertEquals(NODE_C, toC.uri, "the node holding the session, at once");
        welcome(toC, "nc");
        ClientMessage.Resume there = toC.sent(ClientMessage.Resume.class);
        assertEquals(resume.sessionId(), there.sessionId(), "the same resume");
        toC.reply(new ServerMessage.ResumeAccepted(there.id(), 0, List.of(), List.of()));
        assertEquals(RoomStateChangedReason.RECONNECTED, lastState());
    }

    @Test
    void aRedirectFromTlsToPlainWebSocketIsNotFollowed() {
        RoomSession session = session(services("wss://a.test:7878"));
        session.start();
        FakeRoomServer.Connection first = server.last();
        welcome(first, "n");
        first.reply(ServerMessage.Redirect.to(first.sent(ClientMessage.Login.class).id(), "ws://b.test:7878"));
        assertEquals(1, server.connections.size());
        assertEquals(RoomStateChangedReason.LOGIN_FAILED, lastState());
        assertEquals(ErrorCode.ROOM_REDIRECTED.code(), lastCode());
    }

    @Test
    void aRoomUsersQuestionFollowsARedirect() {
        List<List<String>> answers = new ArrayList<>();
        RoomUsersCallback callback = (code, users, inUse) -> answers.add(code == 0 ? users : List.of("error " + code));
        RoomUsersLookup lookup = new RoomUsersLookup(services(NODE_A.toString()), "room", "me", null, callback, l -> { });
        lookup.start();
        FakeRoomServer.Connection first = server.last();
        welcome(first, "na");
        first.reply(ServerMessage.Redirect.to(first.sent(ClientMessage.QueryRoomUsers.class).id(), NODE_B.toString()));
        FakeRoomServer.Connection second = server.last();
        assertEquals(NODE_B, second.uri);
        welcome(second, "nb");
        ClientMessage.QueryRoomUsers query = second.sent(ClientMessage.QueryRoomUsers.class);
        assertEquals(AppSignProof.sign("app-sign", 1, "me", "nb", query.proof().timestamp()), query.proof());
        second.reply(new ServerMessage.RoomUsers(query.id(), 0, "room", List.of("alice", "bob"), false));
        assertEquals(List.of(List.of("alice", "bob")), answers);
    }

    private FakeRoomServer.Connection loggedIn(RoomSession session) {
        session.start();
        FakeRoomServer.Connection c = server.last();
        welcome(c, "nonce");
        accept(c, c.sent(ClientMessage.Login.class));
        assertEquals(RoomStateChangedReason.LOGINED, lastState());
        return c;
    }

    private FakeRoomServer.Connection awaitAttempt() {
        int opened = server.connections.size();
        for (int i = 0; i < 10_000 && server.connections.size() == opened; i++) {
            loop.advance(Duration.ofMillis(1));
        }
        assertTrue(server.connections.size() > opened, "no reconnect attempt");
        return server.last();
    }

    private static void welcome(FakeRoomServer.Connection c, String nonce) {
        c.listener.onMessage(c, new ServerMessage.Welcome(MessageCodec.PROTOCOL_VERSION, nonce, 0));
    }

    private static void accept(FakeRoomServer.Connection c, ClientMessage.Login login) {
        c.reply(new ServerMessage.LoginAccepted(login.id(), 0, "session-1.node", "room", 0, List.of(), login.streams(),
                List.of(), List.of(), 5000, 15_000, 0, MediaMode.MESH));
    }

    private RoomStateChangedReason lastState() {
        return states.get(states.size() - 1);
    }

    private int lastCode() {
        return codes.get(codes.size() - 1);
    }
}
