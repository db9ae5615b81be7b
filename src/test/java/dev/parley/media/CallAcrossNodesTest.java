package dev.parley.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.engine.Canvas;
import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PublisherState;
import dev.parley.engine.RoomStateChangedReason;
import dev.parley.engine.UpdateType;
import dev.parley.engine.User;
import dev.parley.engine.VideoConfig;
import dev.parley.server.cluster.RedisKeys;
import dev.parley.testing.Engines;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.EventRecorder.BroadcastReceived;
import dev.parley.testing.EventRecorder.PublisherStateUpdate;
import dev.parley.testing.EventRecorder.RoomStateChanged;
import dev.parley.testing.EventRecorder.StreamUpdate;
import dev.parley.testing.EventRecorder.UserUpdate;
import dev.parley.testing.MediaNetwork;
import dev.parley.testing.ServerNodeProcess;
import dev.parley.testing.TestJanus;
import dev.parley.testing.TestRedis;
import dev.parley.testing.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real engines calling through two {@code parley server} processes that share a real Redis. Each
 * engine is given both nodes, its own first: the one that logs in through the node that does not
 * own the room is redirected without the app seeing more than LOGINING and LOGINED; when the room's
 * node is killed or drained, both engines carry on on the other node with their users, streams and
 * frames, and nobody sees anyone leave.
 */
class CallAcrossNodesTest {
    private static final String ROOM = "standup";
    /** What issue-level promise the failover keeps: every engine back on a survivor within this. */
    private static final Duration BACK_WITHIN = Duration.ofSeconds(15);

    @TempDir
    Path folder;
    private TestRedis redis;
    private final List<ServerNodeProcess> nodes = new ArrayList<>();
    private final List<ParleyEngine> engines = new ArrayList<>();
    private ServerNodeProcess a;
    private ServerNodeProcess b;
    private final EventRecorder alice = new EventRecorder();
    private final EventRecorder bob = new EventRecorder();
    private final FrameCounterSink aliceSeesBob = new FrameCounterSink();
    private final FrameCounterSink bobSeesAlice = new FrameCounterSink();

    @BeforeEach
    void startRedis() throws Exception {
        MediaNetwork.require();
        TestRedis.assumeAvailable();
        redis = TestRedis.start();
    }

    private void startMeshNodes() throws Exception {
        a = node("a", "");
        b = node("b", "");
    }

    /** Config members for an SFU node whose managed Janus uses the test network and its own media ports. */
    private static String sfu(int rtpMin, int rtpMax) {
        return """
                "media": "sfu", "janus": { "rtpPorts": "%d-%d", "mediaAddress": "%s", "interfaces": "parley0" }, \
                """.formatted(rtpMin, rtpMax, TestJanus.MEDIA_ADDRESS);
    }

    @AfterEach
    void stopAll() {
        Engines.destroy(engines.toArray(ParleyEngine[]::new));
        nodes.forEach(ServerNodeProcess::close);
        if (redis != null) {
            redis.close();
        }
    }

    private ServerNodeProcess node(String id, String moreConfig) throws Exception {
        ServerNodeProcess node = ServerNodeProcess.start(redis, id, folder, moreConfig);
        nodes.add(node);
        return node;
    }

    private ParleyEngine engine(EventRecorder events, ServerNodeProcess first, ServerNodeProcess then) {
        ParleyEngine engine = ParleyEngine.createEngine(TestServers.profile(first.url())
                .fallbackServerUrls(List.of(then.url())).build(), events);
        engines.add(engine);
        return engine;
    }

    /** Alice through a (which claims the room), Bob through b (redirected to a); each publishes and plays the other. */
    private void callThroughBothNodes() {
        ParleyEngine aliceEngine = engine(alice, a, b);
        aliceEngine.loginRoom(ROOM, new User("alice"));
        // the nodes' JVMs have only just started
        try {
            alice.await(RoomStateChanged.class, r -> r.reason() == RoomStateChangedReason.LOGINED, Duration.ofSeconds(30));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nnode a: " + a.log() + "\nnode b: " + b.log(), e);
        }
        ParleyEngine bobEngine = engine(bob, b, a);
        bobEngine.loginRoom(ROOM, new User("bob"));
        bob.await(RoomStateChanged.class, r -> r.reason() == RoomStateChangedReason.LOGINED, Duration.ofSeconds(30));
        assertTrue(redis.get(RedisKeys.room(TestServers.APP_ID, ROOM)).startsWith("a|"), "the room lives on a");
        assertEquals(List.of(RoomStateChangedReason.LOGINING, RoomStateChangedReason.LOGINED),
                bob.all(RoomStateChanged.class).stream().map(RoomStateChanged::reason).toList(),
                "the redirect is invisible to the app");
        bob.awaitThat(r -> r.usersPresent().equals(Set.of("alice")), Duration.ofSeconds(5), "bob sees alice");
        alice.awaitThat(r -> r.usersPresent().equals(Set.of("bob")), Duration.ofSeconds(5), "alice sees bob");

        for (ParleyEngine engine : List.of(aliceEngine, bobEngine)) {
            engine.setVideoConfig(new VideoConfig(320, 180, 30, 300));
        }
        aliceEngine.startPublishingStream("alice_main");
        bobEngine.startPublishingStream("bob_main");
        alice.await(PublisherStateUpdate.class, p -> p.state() == PublisherState.PUBLISHING);
        bob.await(PublisherStateUpdate.class, p -> p.state() == PublisherState.PUBLISHING);
        bob.awaitThat(r -> r.streamsPresent().equals(Set.of("alice_main")), Duration.ofSeconds(5), "bob sees alice's stream");
        alice.awaitThat(r -> r.streamsPresent().equals(Set.of("bob_main")), Duration.ofSeconds(5), "alice sees bob's stream");
        bobEngine.startPlayingStream("alice_main", new Canvas(bobSeesAlice));
        aliceEngine.startPlayingStream("bob_main", new Canvas(aliceSeesBob));
        awaitFramesAdvance("before");

        aliceEngine.sendBroadcastMessage(ROOM, "across nodes", (code, id) -> { });
        bob.await(BroadcastReceived.class, m -> m.messages().stream().anyMatch(x -> x.message().equals("across nodes")));
    }

    private void awaitFramesAdvance(String when) {
        for (FrameCounterSink sink : List.of(aliceSeesBob, bobSeesAlice)) {
            long from = sink.frames() > 0 ? sink.lastMarks().frameCounter() : -1;
            Awaitility.await("frames " + when).atMost(BACK_WITHIN)
                    .until(() -> sink.frames() > 0 && sink.lastMarks().frameCounter() > from + 30);
            assertEquals(320, sink.width());
        }
    }

    /** Nobody left, nothing was added twice: the rosters stayed as they were. */
    private void assertNobodyLeftAndNothingDoubled() {
        for (EventRecorder events : List.of(alice, bob)) {
            assertEquals(0, events.count(e -> e instanceof UserUpdate u && u.type() == UpdateType.DELETE), "no user left");
            assertEquals(0, events.count(e -> e instanceof StreamUpdate s && s.type() == UpdateType.DELETE), "no stream left");
            assertEquals(1, events.count(e -> e instanceof UserUpdate u && u.type() == UpdateType.ADD), "one ADD of the other");
            assertEquals(1, events.count(e -> e instanceof StreamUpdate s && s.type() == UpdateType.ADD), "one stream ADD");
        }
    }

    @Test
    void enginesThroughTwoNodesMeetOnOneAndCarryOnOnTheOtherWhenItIsKilled() throws Exception {
        startMeshNodes();
        callThroughBothNodes();

        long killed = System.nanoTime();
        a.kill();
        alice.awaitReason(RoomStateChangedReason.RECONNECTING);
        bob.awaitReason(RoomStateChangedReason.RECONNECTING);
        for (EventRecorder events : List.of(alice, bob)) {
            events.await(RoomStateChanged.class, r -> r.reason() == RoomStateChangedReason.RECONNECTED, BACK_WITHIN);
        }
        long backMillis = (System.nanoTime() - killed) / 1_000_000;
        assertTrue(backMillis < BACK_WITHIN.toMillis(), "back after " + backMillis + " ms");
        assertTrue(redis.get(RedisKeys.room(TestServers.APP_ID, ROOM)).startsWith("b|"), "b took the room over");

        awaitFramesAdvance("after the kill");
        bob.awaitThat(r -> r.usersPresent().equals(Set.of("alice")) && r.streamsPresent().equals(Set.of("alice_main")),
                Duration.ofSeconds(5), "bob's roster after the kill");
        alice.awaitThat(r -> r.usersPresent().equals(Set.of("bob")) && r.streamsPresent().equals(Set.of("bob_main")),
                Duration.ofSeconds(5), "alice's roster after the kill");
        assertNobodyLeftAndNothingDoubled();
    }

    @Test
    void aDrainedNodeSendsItsEnginesToTheOtherWithNobodySeeingAnyoneLeave() throws Exception {
        startMeshNodes();
        callThroughBothNodes();

        a.terminate();
        assertTrue(a.awaitExit(Duration.ofSeconds(10)), "node a stopped");
        for (EventRecorder events : List.of(alice, bob)) {
            events.await(RoomStateChanged.class, r -> r.reason() == RoomStateChangedReason.RECONNECTED, BACK_WITHIN);
        }
        assertTrue(redis.get(RedisKeys.room(TestServers.APP_ID, ROOM)).startsWith("b|"), "the room moved to b");
        awaitFramesAdvance("after the drain");
        assertNobodyLeftAndNothingDoubled();
        assertEquals(0, alice.count(e -> e instanceof RoomStateChanged r && r.reason() == RoomStateChangedReason.KICK_OUT));
    }

    /**
     * SFU rooms: each node drives a Janus of its own. Killed, node a takes its Janus with it, and
     * the engines publish and play again through b's Janus.
     */
    @Test
    void inSfuRoomsTheSurvivorsJanusCarriesTheCallAndTheKilledNodesJanusGoesWithIt() throws Exception {
        TestJanus.assumeAvailable();
        a = node("a", sfu(30000, 30499));
        b = node("b", sfu(30500, 30999));
        List<ProcessHandle> startedByA = a.children();
        assertTrue(startedByA.stream().anyMatch(p -> p.info().command().orElse("").endsWith("janus")),
                "node a runs a Janus: " + startedByA.stream().map(p -> p.info().commandLine().orElse("?")).toList());
        callThroughBothNodes();

        a.kill();
        for (EventRecorder events : List.of(alice, bob)) {
            events.await(RoomStateChanged.class, r -> r.reason() == RoomStateChangedReason.RECONNECTED, BACK_WITHIN);
        }
        Awaitility.await("node a's Janus gone with it").atMost(Duration.ofSeconds(5))
                .until(() -> startedByA.stream().noneMatch(ProcessHandle::isAlive));
        awaitFramesAdvance("through b's Janus");
        assertNobodyLeftAndNothingDoubled();
    }
}
