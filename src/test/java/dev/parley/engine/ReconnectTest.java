package dev.parley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ErrorCode;
import dev.parley.server.ParleyServer;
import dev.parley.testing.Engines;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.EventRecorder.BroadcastReceived;
import dev.parley.testing.EventRecorder.PublisherStateUpdate;
import dev.parley.testing.EventRecorder.RoomStateChanged;
import dev.parley.testing.EventRecorder.StreamUpdate;
import dev.parley.testing.EventRecorder.UserUpdate;
import dev.parley.testing.TcpProxy;
import dev.parley.testing.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lost connections: resume within the presence timeout, full re-login after a server restart, and giving up. */
class ReconnectTest {
    private ParleyServer server = TestServers.start();
    private ParleyEngine alice;
    private ParleyEngine bob;
    private TcpProxy proxy;

    @AfterEach
    void tearDown() throws Exception {
        Engines.destroy(alice, bob);
        if (proxy != null) {
            proxy.close();
        }
        server.close();
    }

    private ParleyEngine join(String url, EventRecorder events, String userId) {
        ParleyEngine engine = ParleyEngine.createEngine(TestServers.profile(url).build(), events);
        engine.loginRoom("room", new User(userId));
        events.awaitReason(RoomStateChangedReason.LOGINED);
        engine.startPublishingStream(userId + "-cam");
        events.await(PublisherStateUpdate.class, p -> p.state() == PublisherState.PUBLISHING);
        return engine;
    }

    private static boolean isReason(EventRecorder.Event e, RoomStateChangedReason reason) {
        return e instanceof RoomStateChanged c && c.reason() == reason;
    }

    @Test
    void briefDropResumesWithoutAnyoneSeeingALeave() throws Exception {
        proxy = new TcpProxy(server.port());
        EventRecorder a = new EventRecorder();
        EventRecorder b = new EventRecorder();
        alice = join(proxy.url(), a, "alice");
        bob = join(server.url(), b, "bob");
        b.await(StreamUpdate.class, s -> s.has("alice-cam"));
        a.await(StreamUpdate.class, s -> s.has("bob-cam"));

        proxy.dropAll();
        a.awaitReason(RoomStateChangedReason.RECONNECTING);
        bob.sendBroadcastMessage("room", "while you were away", null);
        RoomStateChanged back = a.awaitReason(RoomStateChangedReason.RECONNECTED);
        assertEquals(0, back.errorCode());
        a.await(BroadcastReceived.class, m -> m.messages().get(0).message().equals("while you were away"));

        // barrier: a message from alice after the resume reaches bob, so any leave would have arrived before it
        alice.sendBroadcastMessage("room", "back", null);
        b.await(BroadcastReceived.class, m -> m.messages().get(0).message().equals("back"));
        assertEquals(0, b.count(e -> e instanceof UserUpdate u && u.type() == UpdateType.DELETE), "bob saw no leave");
        assertEquals(0, b.count(e -> e instanceof StreamUpdate s && s.type() == UpdateType.DELETE), "no stream flapped");
        assertEquals(1, b.count(e -> e instanceof StreamUpdate s && s.type() == UpdateType.ADD && s.has("alice-cam")));
        assertEquals(List.of(PublisherState.PUBLISH_REQUESTING, PublisherState.PUBLISHING, PublisherState.PUBLISH_REQUESTING,
                        PublisherState.PUBLISHING),
                a.all(PublisherStateUpdate.class).stream().map(PublisherStateUpdate::state).toList());
    }

    @Test
    void serverRestartOnTheSamePortReconnectsEveryoneWithoutDuplicates() throws Exception {
        EventRecorder a = new EventRecorder();
        EventRecorder b = new EventRecorder();
        alice = join(server.url(), a, "alice");
        bob = join(server.url(), b, "bob");
        a.awaitThat(r -> r.streamsPresent().equals(Set.of("bob-cam")), Duration.ofSeconds(10), "alice sees bob-cam");
        b.awaitThat(r -> r.streamsPresent().equals(Set.of("alice-cam")), Duration.ofSeconds(10), "bob sees alice-cam");

        int port = server.port();
        server.close();
        // the reason is the server's notice that it is going away
        assertEquals(ErrorCode.ROOM_SERVER_SHUTDOWN.code(), a.awaitReason(RoomStateChangedReason.RECONNECTING).errorCode());
        assertEquals(ErrorCode.ROOM_SERVER_SHUTDOWN.code(), b.awaitReason(RoomStateChangedReason.RECONNECTING).errorCode());
        server = TestServers.start(c -> c.port(port));
        a.awaitReason(RoomStateChangedReason.RECONNECTED);
        b.awaitReason(RoomStateChangedReason.RECONNECTED);

        ParleyServer restarted = server;
        a.awaitThat(r -> restarted.stats().streams() == 2 && restarted.stats().sessions() == 2,
                Duration.ofSeconds(10), "both streams re-registered on the new server");
        // through and past the resync grace (3 s), nothing is reported deleted
        org.awaitility.Awaitility.await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                .until(() -> a.count(e -> e instanceof StreamUpdate s && s.type() == UpdateType.DELETE) == 0
                        && b.count(e -> e instanceof StreamUpdate s && s.type() == UpdateType.DELETE) == 0);
        alice.sendBroadcastMessage("room", "still here", null);
        b.await(BroadcastReceived.class, m -> m.messages().get(0).message().equals("still here"));
        for (EventRecorder r : List.of(a, b)) {
            assertEquals(1, r.usersPresent().size());
            assertEquals(1, r.streamsPresent().size());
            assertEquals(0, r.count(e -> e instanceof UserUpdate u && u.type() == UpdateType.DELETE));
            assertEquals(1, r.count(e -> e instanceof UserUpdate u && u.type() == UpdateType.ADD), "no duplicate ADD");
            assertEquals(1, r.count(e -> e instanceof StreamUpdate s && s.type() == UpdateType.ADD));
            assertTrue(r.count(e -> isReason(e, RoomStateChangedReason.RECONNECTED)) == 1);
        }
        assertEquals(PublisherState.PUBLISHING, a.all(PublisherStateUpdate.class).get(a.all(PublisherStateUpdate.class).size() - 1).state());
    }

    @Test
    void killedServerWithoutNoticeBringsEveryoneBackAfterItRestarts() throws Exception {
        proxy = new TcpProxy(server.port());
        EventRecorder a = new EventRecorder();
        EventRecorder b = new EventRecorder();
        alice = join(proxy.url(), a, "alice");
        bob = join(proxy.url(), b, "bob");
        a.awaitThat(r -> r.streamsPresent().equals(Set.of("bob-cam")), Duration.ofSeconds(10), "alice sees bob-cam");

        int port = server.port();
        proxy.freeze();          // nothing more reaches the clients: no goodbye from the server
        server.close();
        proxy.dropAll();         // and the connections die as in a crash
        proxy.unfreeze();
        // no notice came, so the reason is the lost connection
        assertEquals(ErrorCode.ENGINE_SERVER_UNREACHABLE.code(), a.awaitReason(RoomStateChangedReason.RECONNECTING).errorCode());
        b.awaitReason(RoomStateChangedReason.RECONNECTING);
        server = TestServers.start(c -> c.port(port));
        a.awaitReason(RoomStateChangedReason.RECONNECTED);
        b.awaitReason(RoomStateChangedReason.RECONNECTED);
        ParleyServer restarted = server;
        a.awaitThat(r -> restarted.stats().streams() == 2, Duration.ofSeconds(10), "streams re-registered");
        bob.sendBroadcastMessage("room", "after the crash", null);
        a.await(BroadcastReceived.class, m -> m.messages().get(0).message().equals("after the crash"));
        for (EventRecorder r : List.of(a, b)) {
            assertEquals(1, r.count(e -> e instanceof UserUpdate u && u.type() == UpdateType.ADD), "no duplicate ADD");
            assertEquals(1, r.count(e -> e instanceof StreamUpdate s && s.type() == UpdateType.ADD));
        }
    }

    @Test
    void reconnectWindowEndsWithReconnectFailed() {
        EventRecorder a = new EventRecorder();
        alice = ParleyEngine.createEngine(TestServers.profile(server.url()).reconnectWindow(Duration.ofSeconds(2)).build(), a);
        alice.loginRoom("room", new User("alice"));
        a.awaitReason(RoomStateChangedReason.LOGINED);
        alice.startPublishingStream("alice-cam");
        a.await(PublisherStateUpdate.class, p -> p.state() == PublisherState.PUBLISHING);

        server.close();
        a.awaitReason(RoomStateChangedReason.RECONNECTING);
        RoomStateChanged failed = a.await(RoomStateChanged.class,
                e -> e.reason() == RoomStateChangedReason.RECONNECT_FAILED, Duration.ofSeconds(15));
        assertEquals(ErrorCode.ROOM_RECONNECT_FAILED.code(), failed.errorCode());
        EventRecorder.RoomStateUpdate disconnected =
                a.await(EventRecorder.RoomStateUpdate.class, s -> s.state() == RoomState.DISCONNECTED);
        assertTrue(a.events().indexOf(failed) < a.events().indexOf(disconnected), "RECONNECT_FAILED, then DISCONNECTED");
        a.await(PublisherStateUpdate.class, p -> p.state() == PublisherState.NO_PUBLISH);
        server = TestServers.start();
        // the engine is free to log in again
        ParleyEngine again = alice;
        again.loginRoom("room", new User("alice"));
    }

    @Test
    void silentServerIsDetectedAndTheEngineReconnects() throws Exception {
        proxy = new TcpProxy(server.port());
        EventRecorder a = new EventRecorder();
        alice = join(proxy.url(), a, "alice");
        proxy.freeze();
        a.await(RoomStateChanged.class, e -> e.reason() == RoomStateChangedReason.RECONNECTING, Duration.ofSeconds(10));
        proxy.unfreeze();
        a.await(RoomStateChanged.class, e -> e.reason() == RoomStateChangedReason.RECONNECTED, Duration.ofSeconds(10));
    }
}
