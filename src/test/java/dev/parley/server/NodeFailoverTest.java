package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import dev.parley.testing.RawClient;
import dev.parley.testing.ServerNodeProcess;
import dev.parley.testing.TestRedis;
import dev.parley.testing.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes as separate {@code parley server} processes sharing a real Redis, stopped the two ways a
 * node stops: SIGKILL (a crash: its leases lapse, and its clients log in again on a survivor,
 * which takes the rooms over) and SIGTERM (a drain: it releases its rooms and sends its clients to
 * another node at once). Raw protocol clients do what an engine does.
 */
class NodeFailoverTest {
    private static final long APP = TestServers.APP_ID;
    /** An engine gives up on a node after this; every client must be back within it. */
    private static final Duration BACK_WITHIN = Duration.ofSeconds(15);

    @TempDir
    Path folder;
    private TestRedis redis;
    private final List<ServerNodeProcess> nodes = new ArrayList<>();
    private final List<RawClient> clients = new ArrayList<>();

    @BeforeEach
    void startRedis() throws Exception {
        TestRedis.assumeAvailable();
        redis = TestRedis.start();
    }

    @AfterEach
    void stopAll() {
        clients.forEach(RawClient::close);
        nodes.forEach(ServerNodeProcess::close);
        if (redis != null) {
            redis.close();
        }
    }

    private ServerNodeProcess node(String nodeId) throws Exception {
        ServerNodeProcess node = ServerNodeProcess.start(redis, nodeId, folder);
        nodes.add(node);
        return node;
    }

    private RawClient connect(String url) {
        RawClient client = RawClient.connect(url, null);
        clients.add(client);
        client.startHeartbeats(Duration.ofMillis(200));
        return client;
    }

    private static ClientMessage.Login login(RawClient client, long id, String room, String user, List<StreamInfo> streams) {
        ClientMessage.Login plain = client.loginRequest(id, room, user, true);
        return new ClientMessage.Login(plain.id(), plain.protocolVersion(), plain.appId(), plain.roomId(), plain.user(),
                true, 0, null, plain.proof(), streams);
    }

    /** Logs in through {@code entry}, following one redirect. */
    private RawClient join(String entry, String room, String user, List<StreamInfo> streams) {
        RawClient client = connect(entry);
        ServerMessage.Reply reply = client.request(id -> login(client, id, room, user, streams));
        if (reply instanceof ServerMessage.Redirect redirect) {
            client.close();
            RawClient there = connect(redirect.url());
            there.accepted(there.request(id -> login(there, id, room, user, streams)));
            return there;
        }
        client.accepted(reply);
        return client;
    }

    /**
     * What an engine does when its node is gone: tries to resume on the survivor (refused, or sent
     * to the dead node while its record lives), then logs in again there with its streams, until
     * the survivor lets it in.
     */
    private RawClient comeBack(String survivor, String oldSession, String room, String user, List<StreamInfo> streams) {
        AtomicReference<RawClient> in = new AtomicReference<>();
        Awaitility.await().atMost(BACK_WITHIN).pollInterval(Duration.ofMillis(250)).until(() -> {
            RawClient client = connect(survivor);
            ServerMessage.Reply resumed = client.request(id -> new ClientMessage.Resume(id, oldSession, 0));
            assertTrue(resumed instanceof ServerMessage.Redirect || resumed.code() == ErrorCode.ROOM_SESSION_EXPIRED.code(),
                    RawClient.describe(resumed));
            ServerMessage.Reply reply = client.request(id -> login(client, id, room, user, streams));
            if (reply instanceof ServerMessage.LoginAccepted accepted) {
                client.accepted(accepted);
                in.set(client);
                return true;
            }
            // the dead node's record has not expired yet: it is still named as the room's node
            assertInstanceOf(ServerMessage.Redirect.class, reply, RawClient.describe(reply));
            client.close();
            return false;
        });
        return in.get();
    }

    private static StreamInfo stream(String id, String user) {
        return new StreamInfo(id, new UserInfo(user, user), PublishChannel.MAIN, "", true, true);
    }

    private static List<String> ids(List<UserInfo> users) {
        return users.stream().map(UserInfo::userId).toList();
    }

    @Test
    void aKilledNodesLeasesLapseAndItsClientsTakeTheRoomOverOnTheSurvivor() throws Exception {
        ServerNodeProcess a = node("a");
        ServerNodeProcess b = node("b");
        RawClient alice = join(a.url(), "standup", "alice", List.of());
        RawClient bob = join(b.url(), "standup", "bob", List.of());
        assertEquals(1, bob.all(ServerMessage.LoginAccepted.class).get(0).users().size(), "bob was sent to a, with alice");
        alice.ok(id -> new ClientMessage.Publish(id, "alice_main", PublishChannel.MAIN, "", true, true));
        bob.ok(id -> new ClientMessage.Publish(id, "bob_main", PublishChannel.MAIN, "", true, true));
        join(a.url(), "quiet", "carol", List.of()); // a room nobody comes back to
        assertTrue(redis.get(RedisKeys.room(APP, "standup")).startsWith("a|"));
        String aliceSession = alice.sessionId();
        String bobSession = bob.sessionId();

        long killed = System.nanoTime();
        a.kill();
        alice.awaitClose(Duration.ofSeconds(5));
        bob.awaitClose(Duration.ofSeconds(5));

        RawClient aliceBack = comeBack(b.url(), aliceSession, "standup", "alice", List.of(stream("alice_main", "alice")));
        RawClient bobBack = comeBack(b.url(), bobSession, "standup", "bob", List.of(stream("bob_main", "bob")));
        long backMillis = (System.nanoTime() - killed) / 1_000_000;
        assertTrue(backMillis < BACK_WITHIN.toMillis(), "back after " + backMillis + " ms");
        assertTrue(redis.get(RedisKeys.room(APP, "standup")).startsWith("b|"), "b took the room over");

        // one alice, one bob, each stream once: as after a restart of a single server
        ServerMessage.LoginAccepted bobIn = bobBack.all(ServerMessage.LoginAccepted.class).get(0);
        assertEquals(List.of("alice"), ids(bobIn.users()));
        assertEquals(List.of("alice_main", "bob_main"), bobIn.streams().stream().map(StreamInfo::streamId).sorted().toList());
        aliceBack.awaitPush(ServerMessage.StreamUpdate.class, s -> s.updateType() == UpdateType.ADD
                && s.streams().stream().anyMatch(x -> x.streamId().equals("bob_main")));
        aliceBack.ok(id -> new ClientMessage.SendBroadcast(id, "back"));
        bobBack.awaitPush(ServerMessage.BroadcastReceived.class, m -> m.message().equals("back"));

        // the lease of the room nobody came back to lapses by itself
        Awaitility.await().atMost(Duration.ofSeconds(11)).until(() -> redis.get(RedisKeys.room(APP, "quiet")) == null);
        long lapsedMillis = (System.nanoTime() - killed) / 1_000_000;
        assertTrue(lapsedMillis <= 10_500, "the dead node's lease lasted " + lapsedMillis + " ms");
        assertNull(redis.get(RedisKeys.node("a")));
        assertFalse(b.log().contains("\tat "), "no stack trace on the survivor: " + b.log());
    }

    @Test
    void aTerminatedNodeReleasesItsRoomsAndSendsItsClientsToAnotherAtOnce() throws Exception {
        ServerNodeProcess a = node("a");
        ServerNodeProcess b = node("b");
        RawClient alice = join(a.url(), "standup", "alice", List.of());
        RawClient bob = join(b.url(), "standup", "bob", List.of());
        bob.ok(id -> new ClientMessage.Publish(id, "bob_main", PublishChannel.MAIN, "", true, true));
        RawClient dave = join(b.url(), "retro", "dave", List.of());

        a.terminate();
        List<RawClient> moving = List.of(alice, bob);
        for (RawClient client : moving) {
            ServerMessage.KickedOut notice = client.awaitPush(ServerMessage.KickedOut.class, k -> true, Duration.ofSeconds(5));
            assertEquals(ErrorCode.ROOM_SERVER_SHUTDOWN.code(), notice.code());
            assertEquals(b.url(), notice.url());
            assertNull(redis.get(RedisKeys.room(APP, "standup")), "the room was released before its clients were told");
        }
        assertTrue(a.awaitExit(Duration.ofSeconds(10)), "node a stopped");
        assertNull(redis.get(RedisKeys.node("a")));
        assertTrue(alice.all(ServerMessage.UserUpdate.class).stream().noneMatch(u -> u.updateType() == UpdateType.DELETE),
                "alice saw nobody leave");

        RawClient bobThere = connect(b.url());
        bobThere.accepted(bobThere.request(id -> login(bobThere, id, "standup", "bob", List.of(stream("bob_main", "bob")))));
        RawClient aliceThere = connect(b.url());
        ServerMessage.LoginAccepted aliceIn = aliceThere.accepted(aliceThere.request(id -> login(aliceThere, id, "standup",
                "alice", List.of())));
        assertEquals(List.of("bob"), ids(aliceIn.users()));
        assertEquals(List.of("bob_main"), aliceIn.streams().stream().map(StreamInfo::streamId).toList());
        assertTrue(redis.get(RedisKeys.room(APP, "standup")).startsWith("b|"));
        dave.assertNone(ServerMessage.KickedOut.class, k -> true);
        assertTrue(a.log().contains("node a drained: released 1 room lease(s); clients move to b"), a.log());
        assertFalse(a.log().contains("\tat ") || b.log().contains("\tat "), a.log() + b.log());
    }
}
