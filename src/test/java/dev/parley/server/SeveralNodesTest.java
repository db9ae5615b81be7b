package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.PublishChannel;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.StreamInfo;
import dev.parley.protocol.UpdateType;
import dev.parley.protocol.UserInfo;
import dev.parley.server.cluster.RedisKeys;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.parley.testing.LogCapture;
import dev.parley.testing.RawClient;
import dev.parley.testing.TestRedis;
import dev.parley.testing.TestServers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Server nodes sharing a real Redis (a redis-server of the test's own, without persistence), two
 * or three {@link ParleyServer}s in this JVM, and raw protocol clients: a room lives on one node,
 * logins and resumes elsewhere are redirected there, users and stream IDs are unique across
 * nodes, a draining node sends its clients on, and Redis restarting or going away loses no room.
 */
class SeveralNodesTest {
    private static final long APP = TestServers.APP_ID;
    private static TestRedis redis;
    private final List<ParleyServer> nodes = new ArrayList<>();
    private final List<RawClient> clients = new ArrayList<>();

    @BeforeAll
    static void startRedis() throws Exception {
        TestRedis.assumeAvailable();
        redis = TestRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void emptyRedis() throws Exception {
        redis.restart();
    }

    @AfterEach
    void closeAll() {
        clients.forEach(RawClient::close);
        nodes.forEach(ParleyServer::close);
    }

    /** A node; presence is not what these tests are about, so a loaded machine gets more time than the test default. */
    private ParleyServer node(String nodeId) {
        ParleyServer node = TestServers.start(b -> b.cluster(redis.node(nodeId)).presenceTimeout(Duration.ofSeconds(6)));
        nodes.add(node);
        return node;
    }

    /** A client of {@code url}; it heartbeats as a live client does, since the test presence timeout is short. */
    private RawClient connect(String url) {
        RawClient client = RawClient.connect(url, null);
        clients.add(client);
        client.startHeartbeats(Duration.ofMillis(200));
        return client;
    }

    private RawClient connect(ParleyServer node) {
        return connect(node.url());
    }

    /** Logs in through {@code entry}; when redirected, follows the redirect once. Returns the client that is in. */
    private RawClient loginVia(ParleyServer entry, String room, String user, String expectedOwnerUrl) {
        RawClient first = connect(entry);
        ServerMessage.Reply reply = first.request(id -> first.loginRequest(id, room, user, true));
        if (reply instanceof ServerMessage.LoginAccepted accepted) {
            first.accepted(accepted);
            assertEquals(expectedOwnerUrl, entry.url(), user + " was let in on " + entry.url());
            return first;
        }
        ServerMessage.Redirect redirect = assertInstanceOf(ServerMessage.Redirect.class, reply, RawClient.describe(reply));
        assertEquals(ErrorCode.ROOM_REDIRECTED.code(), redirect.code());
        assertEquals(expectedOwnerUrl, redirect.url());
        first.close();
        RawClient second = connect(redirect.url());
        second.login(room, user, true);
        return second;
    }

    private static String lease(String room) {
        return redis.get(RedisKeys.room(APP, room));
    }

    private static StreamInfo stream(String id, String user) {
        return new StreamInfo(id, new UserInfo(user, user), PublishChannel.MAIN, "", true, true);
    }

    @Test
    void loginsThroughEitherNodeMeetInOneRoomOnOneNode() {
        ParleyServer a = node("a");
        ParleyServer b = node("b");
        RawClient alice = loginVia(a, "standup", "alice", a.url());
        assertTrue(lease("standup").startsWith("a|"), lease("standup"));
        assertEquals(a.url(), redis.get(RedisKeys.node("a")));

        RawClient bob = loginVia(b, "standup", "bob", a.url());
        alice.awaitPush(ServerMessage.UserUpdate.class, u -> u.updateType() == UpdateType.ADD
                && u.users().stream().anyMatch(x -> x.userId().equals("bob")));
        bob.ok(id -> new ClientMessage.Publish(id, "bob_main", PublishChannel.MAIN, "", true, true));
        alice.awaitPush(ServerMessage.StreamUpdate.class, s -> s.updateType() == UpdateType.ADD
                && s.streams().stream().anyMatch(x -> x.streamId().equals("bob_main")));
        alice.ok(id -> new ClientMessage.SendBroadcast(id, "hello from alice"));
        bob.awaitPush(ServerMessage.BroadcastReceived.class, m -> m.message().equals("hello from alice"));

        RawClient carol = loginVia(b, "standup", "carol", a.url());
        ServerMessage.LoginAccepted in = carol.all(ServerMessage.LoginAccepted.class).get(0);
        assertEquals(List.of("alice", "bob"), in.users().stream().map(UserInfo::userId).toList());
        assertEquals(List.of("bob_main"), in.streams().stream().map(StreamInfo::streamId).toList());
        assertEquals(1, a.stats().rooms());
        assertEquals(0, b.stats().rooms(), "nothing of the room on the other node");
        assertEquals(0, b.stats().sessions());

        // a room of its own lives on the node its first login reached
        RawClient dave = loginVia(b, "retro", "dave", b.url());
        assertTrue(lease("retro").startsWith("b|"), lease("retro"));
        dave.ok(ClientMessage.Logout::new);
        // the room is dropped with its last member, and its lease with it
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> lease("retro") == null);
    }

    @Test
    void aSecondLoginOnAnotherNodeKicksTheFirstWithinOneSecond() {
        ParleyServer a = node("a");
        ParleyServer b = node("b");
        RawClient alice = loginVia(a, "room-a", "alice", a.url());
        RawClient watcher = loginVia(a, "room-a", "watcher", a.url());
        RawClient again = connect(b);
        ServerMessage.LoginAccepted second = again.login("room-b", "alice", true);

        ServerMessage.KickedOut kicked = alice.awaitPush(ServerMessage.KickedOut.class, k -> true, Duration.ofSeconds(2));
        assertEquals(ErrorCode.ROOM_KICKED_OUT.code(), kicked.code());
        long after = alice.arrivalMillis(kicked) - again.arrivalMillis(second);
        assertTrue(after < 1000, "kicked out " + after + " ms after the second login");
        assertEquals(SessionLifecycle.CLOSE_SESSION_ENDED, alice.awaitClose());
        watcher.awaitPush(ServerMessage.UserUpdate.class, u -> u.updateType() == UpdateType.DELETE
                && u.users().stream().anyMatch(x -> x.userId().equals("alice")));
        assertTrue(redis.get(RedisKeys.user(APP, "alice")).startsWith("b|"), redis.get(RedisKeys.user(APP, "alice")));
        // the new session is not disturbed by the old one's end
        again.assertNone(ServerMessage.KickedOut.class, k -> true);
    }

    @Test
    void aStreamIdLiveOnOneNodeCannotBePublishedOnAnother() {
        ParleyServer a = node("a");
        ParleyServer b = node("b");
        RawClient alice = loginVia(a, "room-a", "alice", a.url());
        RawClient bob = loginVia(b, "room-b", "bob", b.url());
        alice.ok(id -> new ClientMessage.Publish(id, "shared", PublishChannel.MAIN, "", true, true));
        assertEquals("a|alice", redis.get(RedisKeys.stream(APP, "shared")));
        bob.expectError(ErrorCode.PUBLISHER_STREAM_ID_IN_USE,
                id -> new ClientMessage.Publish(id, "shared", PublishChannel.MAIN, "", true, true));

        // a login carrying it is let in without it
        RawClient carol = connect(b);
        ServerMessage.Reply reply = carol.request(id -> {
            ClientMessage.Login plain = carol.loginRequest(id, "room-c", "carol", true);
            return new ClientMessage.Login(plain.id(), plain.protocolVersion(), plain.appId(), plain.roomId(), plain.user(),
                    true, 0, null, plain.proof(), List.of(stream("shared", "carol"), stream("carol_main", "carol")));
        });
        ServerMessage.LoginAccepted carolIn = carol.accepted(reply);
        assertEquals(List.of("carol_main"), carolIn.streams().stream().map(StreamInfo::streamId).toList());

        alice.ok(id -> new ClientMessage.StopPublish(id, "shared"));
        // the stop is answered at once; the other nodes see the ID free once node a's release reaches Redis
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> redis.get(RedisKeys.stream(APP, "shared")) == null);
        bob.ok(id -> new ClientMessage.Publish(id, "shared", PublishChannel.MAIN, "", true, true));
        assertEquals("b|bob", redis.get(RedisKeys.stream(APP, "shared")));
    }

    @Test
    void aResumeOrAQueryOnAnotherNodeIsSentToTheRoomsNode() {
        ParleyServer a = node("a");
        ParleyServer b = node("b");
        RawClient alice = loginVia(a, "standup", "alice", a.url());
        String session = alice.sessionId();
        assertTrue(session.endsWith(".a"), session);
        alice.dropAbruptly();

        RawClient elsewhere = connect(b);
        ServerMessage.Reply reply = elsewhere.request(id -> new ClientMessage.Resume(id, session, 0));
        assertEquals(ServerMessage.Redirect.to(reply.id(), a.url()), reply);
        RawClient back = connect(a);
        assertInstanceOf(ServerMessage.ResumeAccepted.class, back.request(id -> new ClientMessage.Resume(id, session, 0)));

        RawClient asker = connect(b);
        ServerMessage.Reply query = asker.request(id -> queryRoomUsers(asker, id, "standup", "bob"));
        assertEquals(ServerMessage.Redirect.to(query.id(), a.url()), query);
        ServerMessage.RoomUsers other = assertInstanceOf(ServerMessage.RoomUsers.class,
                asker.request(id -> queryRoomUsers(asker, id, "elsewhere", "alice")));
        assertEquals(List.of(), other.userIds());
        assertTrue(other.userIdInUse(), "alice has a session on node a");
    }

    private static ClientMessage.QueryRoomUsers queryRoomUsers(RawClient client, long id, String room, String user) {
        ClientMessage.Login login = client.loginRequest(id, room, user, false);
        return new ClientMessage.QueryRoomUsers(id, login.protocolVersion(), APP, room, user, null, login.proof());
    }

    @Test
    void aNodeThatStopsReleasesItsRoomsAtOnceAndSendsItsClientsToAnother() {
        ParleyServer a = node("a");
        ParleyServer b = node("b");
        RawClient alice = loginVia(a, "standup", "alice", a.url());
        RawClient bob = loginVia(b, "standup", "bob", a.url());
        bob.ok(id -> new ClientMessage.Publish(id, "bob_main", PublishChannel.MAIN, "", true, true));
        String bUrl = b.url();

        a.close();
        assertNull(lease("standup"), "released before the clients were told");
        assertNull(redis.get(RedisKeys.node("a")));
        assertNull(redis.get(RedisKeys.stream(APP, "bob_main")));
        for (RawClient client : List.of(alice, bob)) {
            ServerMessage.KickedOut notice = client.awaitPush(ServerMessage.KickedOut.class, k -> true);
            assertEquals(ErrorCode.ROOM_SERVER_SHUTDOWN.code(), notice.code());
            assertEquals(bUrl, notice.url());
        }
        assertTrue(alice.all(ServerMessage.UserUpdate.class).stream().noneMatch(u -> u.updateType() == UpdateType.DELETE),
                "nobody was seen leaving");

        // they meet again on b, bob with his stream
        RawClient bobAgain = connect(bUrl);
        bobAgain.accepted(bobAgain.request(id -> {
            ClientMessage.Login plain = bobAgain.loginRequest(id, "standup", "bob", true);
            return new ClientMessage.Login(plain.id(), plain.protocolVersion(), plain.appId(), plain.roomId(),
                    plain.user(), true, 0, null, plain.proof(), List.of(stream("bob_main", "bob")));
        }));
        ServerMessage.LoginAccepted aliceAgain = connect(bUrl).login("standup", "alice", true);
        assertEquals(List.of("bob"), aliceAgain.users().stream().map(UserInfo::userId).toList());
        assertEquals(List.of("bob_main"), aliceAgain.streams().stream().map(StreamInfo::streamId).toList());
        assertTrue(lease("standup").startsWith("b|"), lease("standup"));
    }

    @Test
    void withThreeNodesADrainingNodeSendsEveryoneInARoomToTheSameNode() {
        ParleyServer a = node("a");
        ParleyServer b = node("b");
        ParleyServer c = node("c");
        List<RawClient> in = new ArrayList<>();
        in.add(loginVia(a, "standup", "alice", a.url()));
        in.add(loginVia(b, "standup", "bob", a.url()));
        in.add(loginVia(c, "standup", "carol", a.url()));
        in.add(loginVia(a, "retro", "dave", a.url()));
        in.add(loginVia(c, "retro", "erin", a.url()));

        a.close();
        List<String> standup = new ArrayList<>();
        List<String> retro = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            ServerMessage.KickedOut notice = in.get(i).awaitPush(ServerMessage.KickedOut.class, k -> true);
            assertTrue(notice.url().equals(b.url()) || notice.url().equals(c.url()), notice.url());
            (i < 3 ? standup : retro).add(notice.url());
        }
        assertEquals(1, standup.stream().distinct().count(), "one node for the whole room: " + standup);
        assertEquals(1, retro.stream().distinct().count(), "one node for the whole room: " + retro);
        String target = standup.get(0);
        List<String> names = List.of("alice", "bob", "carol");
        for (int i = 0; i < names.size(); i++) {
            assertEquals(names.subList(0, i), connect(target).login("standup", names.get(i), true).users().stream()
                    .map(UserInfo::userId).toList());
        }
    }

    @Test
    void redisRestartedMidRoomLosesNoRoomAndTheLeasesAreReclaimed() throws Exception {
        try (LogCapture log = new LogCapture()) {
            redisRestartedMidRoom();
            List<ILoggingEvent> cluster = log.events(e -> e.getLoggerName().startsWith("dev.parley.server"));
            assertEquals(List.of(), cluster.stream().filter(e -> e.getThrowableProxy() != null).toList(),
                    "Redis going away and coming back is told without stack traces");
            // a node that did not need Redis while it was away never noticed
            long unreachable = cluster.stream().filter(e -> e.getLevel() == Level.WARN
                    && e.getFormattedMessage().contains("is unreachable")).count();
            assertTrue(unreachable >= 1 && unreachable <= 2, "one line per node at most when Redis went away: " + unreachable);
            assertEquals(2, cluster.stream().filter(e -> e.getFormattedMessage().contains("registered again")).count());
        }
    }

    private void redisRestartedMidRoom() throws Exception {
        ParleyServer a = node("a");
        ParleyServer b = node("b");
        RawClient alice = loginVia(a, "standup", "alice", a.url());
        RawClient bob = loginVia(b, "standup", "bob", a.url());
        bob.ok(id -> new ClientMessage.Publish(id, "bob_main", PublishChannel.MAIN, "", true, true));
        String leaseBefore = lease("standup");

        redis.stop();
        // without Redis the room goes on, and takes new members
        bob.ok(id -> new ClientMessage.SendBroadcast(id, "while Redis is away"));
        alice.awaitPush(ServerMessage.BroadcastReceived.class, m -> m.message().equals("while Redis is away"));
        RawClient carol = connect(a);
        carol.login("standup", "carol", true);

        redis.restart();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> leaseBefore.equals(lease("standup")));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> redis.get(RedisKeys.stream(APP, "bob_main")) != null
                && redis.get(RedisKeys.user(APP, "carol")) != null && redis.get(RedisKeys.node("b")) != null);
        assertEquals("a|bob", redis.get(RedisKeys.stream(APP, "bob_main")));

        // the other node sends new logins to the room's node again
        RawClient dave = loginVia(b, "standup", "dave", a.url());
        ServerMessage.LoginAccepted daveIn = dave.all(ServerMessage.LoginAccepted.class).get(0);
        assertEquals(List.of("alice", "bob", "carol"), daveIn.users().stream().map(UserInfo::userId).toList());
        alice.ok(id -> new ClientMessage.SendBroadcast(id, "after the restart"));
        bob.awaitPush(ServerMessage.BroadcastReceived.class, m -> m.message().equals("after the restart"));
        for (RawClient client : List.of(alice, bob, carol)) {
            client.assertNone(ServerMessage.KickedOut.class, k -> true);
        }
    }

    @Test
    void aLoginElsewhereWhileRedisRestartsEndsUpInTheRoomItAlreadyHad() throws Exception {
        ParleyServer a = node("a");
        ParleyServer b = node("b");
        RawClient alice = loginVia(a, "standup", "alice", a.url());
        redis.restart();
        // b may take the room before a is back in Redis (or while it still thinks Redis is away);
        // either way the room's lease, renewed without a lapse, brings bob to a
        RawClient bob = connect(b);
        ServerMessage.Reply reply = bob.request(id -> bob.loginRequest(id, "standup", "bob", true));
        if (reply instanceof ServerMessage.LoginAccepted) {
            ServerMessage.KickedOut moved = bob.awaitPush(ServerMessage.KickedOut.class, k -> true, Duration.ofSeconds(6));
            assertEquals(ErrorCode.ROOM_MOVED.code(), moved.code());
            assertEquals(a.url(), moved.url());
        } else {
            assertEquals(ServerMessage.Redirect.to(reply.id(), a.url()), reply);
        }
        Awaitility.await().atMost(Duration.ofSeconds(6)).until(() -> lease("standup") != null
                && lease("standup").startsWith("a|") && b.stats().rooms() == 0);
        RawClient bobOnA = connect(a);
        assertEquals(List.of("alice"), bobOnA.login("standup", "bob", true).users().stream().map(UserInfo::userId).toList());
        alice.assertNone(ServerMessage.KickedOut.class, k -> true);
    }

    @Test
    void oneRoomOpenedOnTwoNodesWhileRedisWasAwayMeetsOnTheNodeThatOpenedItFirst() throws Exception {
        ParleyServer a = node("a");
        ParleyServer b = node("b");
        redis.stop();
        RawClient alice = connect(a);
        alice.login("split", "alice", true);
        RawClient bob = connect(b);
        ServerMessage.LoginAccepted alone = bob.login("split", "bob", true);
        assertEquals(List.of(), alone.users(), "each node took the room by itself");

        redis.restart();
        ServerMessage.KickedOut moved = bob.awaitPush(ServerMessage.KickedOut.class, k -> true, Duration.ofSeconds(6));
        assertEquals(ErrorCode.ROOM_MOVED.code(), moved.code());
        assertEquals(a.url(), moved.url());
        assertTrue(lease("split").startsWith("a|"), lease("split"));
        RawClient bobAgain = connect(moved.url());
        assertEquals(List.of("alice"), bobAgain.login("split", "bob", true).users().stream().map(UserInfo::userId).toList());
        alice.assertNone(ServerMessage.KickedOut.class, k -> true);
        assertEquals(0, b.stats().rooms());
    }

    @Test
    void aSecondNodeWithTheSameIdIsReported() {
        try (LogCapture log = new LogCapture()) {
            node("a");
            node("a");
            List<ILoggingEvent> errors = log.events(e -> e.getLevel() == Level.ERROR);
            assertEquals(1, errors.size(), errors.toString());
            assertTrue(errors.get(0).getFormattedMessage().contains("node ID a is already registered"),
                    errors.get(0).getFormattedMessage());
        }
    }

    @Test
    void redisUnreachableAtStartIsNoReasonNotToServe() throws IOException, InterruptedException {
        redis.stop();
        ParleyServer a = node("a");
        RawClient alice = connect(a);
        alice.login("standup", "alice", true);
        redis.restart();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> lease("standup") != null
                && redis.get(RedisKeys.user(APP, "alice")) != null);
        assertTrue(lease("standup").startsWith("a|"), lease("standup"));
        assertNotNull(redis.get(RedisKeys.node("a")));
    }
}
