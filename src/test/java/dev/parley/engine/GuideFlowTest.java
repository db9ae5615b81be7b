package dev.parley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.server.ParleyServer;
import dev.parley.testing.Engines;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.EventRecorder.PublisherStateUpdate;
import dev.parley.testing.EventRecorder.RoomStateChanged;
import dev.parley.testing.EventRecorder.RoomStateUpdate;
import dev.parley.testing.EventRecorder.StreamUpdate;
import dev.parley.testing.EventRecorder.UserUpdate;
import dev.parley.testing.TestServers;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The call flow the API follows (docs/architecture.md, "The call flow the API follows"), step by
 * step, between two engines on a real server.
 */
class GuideFlowTest {
    private final ParleyServer server = TestServers.start();
    private ParleyEngine userA;
    private ParleyEngine userB;

    @AfterEach
    void tearDown() {
        Engines.destroy(userA, userB);
        server.close();
    }

    @Test
    void loginPublishPlayStopLogoutDestroy() throws Exception {
        EventRecorder a = new EventRecorder();
        EventRecorder b = new EventRecorder();
        userA = TestServers.engine(server, a);
        userB = TestServers.engine(server, b);

        CompletableFuture<Integer> loginA = new CompletableFuture<>();
        userA.loginRoom("room1", new User("userA", "Alice"), RoomConfig.defaults(), (code, data) -> loginA.complete(code));
        assertEquals(0, loginA.get(10, TimeUnit.SECONDS));
        a.await(RoomStateUpdate.class, u -> u.state() == RoomState.CONNECTED);
        assertEquals(List.of(
                        new RoomStateChanged("room1", RoomStateChangedReason.LOGINING, 0),
                        new RoomStateUpdate("room1", RoomState.CONNECTING, 0),
                        new RoomStateChanged("room1", RoomStateChangedReason.LOGINED, 0),
                        new RoomStateUpdate("room1", RoomState.CONNECTED, 0)),
                a.events().stream().filter(e -> e instanceof RoomStateUpdate || e instanceof RoomStateChanged).toList());

        userB.loginRoom("room1", new User("userB", "Bob"));
        b.awaitReason(RoomStateChangedReason.LOGINED);
        UserUpdate bSeen = a.await(UserUpdate.class, u -> u.type() == UpdateType.ADD && u.has("userB"));
        assertEquals("Bob", bSeen.users().get(0).userName());
        UserUpdate aSeen = b.await(UserUpdate.class, u -> u.type() == UpdateType.ADD && u.has("userA"));
        assertEquals("Alice", aSeen.users().get(0).userName());

        userB.startPublishingStream("streamB");
        b.await(PublisherStateUpdate.class, p -> p.state() == PublisherState.PUBLISHING);
        assertEquals(List.of(
                        new PublisherStateUpdate("streamB", PublisherState.PUBLISH_REQUESTING, 0),
                        new PublisherStateUpdate("streamB", PublisherState.PUBLISHING, 0)),
                b.all(PublisherStateUpdate.class));
        StreamUpdate added = a.await(StreamUpdate.class, s -> s.type() == UpdateType.ADD && s.has("streamB"));
        assertEquals("userB", added.streams().get(0).user().userID());
        assertTrue(b.all(StreamUpdate.class).isEmpty(), "a publisher is not told about its own stream");

        userB.stopPublishingStream();
        b.await(PublisherStateUpdate.class, p -> p.state() == PublisherState.NO_PUBLISH);
        a.await(StreamUpdate.class, s -> s.type() == UpdateType.DELETE && s.has("streamB"));

        userB.logoutRoom();
        b.awaitReason(RoomStateChangedReason.LOGOUT);
        b.await(RoomStateUpdate.class, s -> s.state() == RoomState.DISCONNECTED);
        a.await(UserUpdate.class, u -> u.type() == UpdateType.DELETE && u.has("userB"));

        Engines.destroy(userB);
        a.awaitThat(r -> server.stats().sessions() == 1, java.time.Duration.ofSeconds(5), "one session left");

        for (String thread : a.threadNames()) {
            assertTrue(thread.startsWith("parley-callback-"), "callback ran on " + thread);
        }
    }
}
