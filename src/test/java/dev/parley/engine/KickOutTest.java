package dev.parley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.protocol.ErrorCode;
import dev.parley.server.ParleyServer;
import dev.parley.testing.Engines;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.EventRecorder.PublisherStateUpdate;
import dev.parley.testing.EventRecorder.RoomStateChanged;
import dev.parley.testing.EventRecorder.RoomStateUpdate;
import dev.parley.testing.TestServers;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A second login with the same userID ends the first session with KICK_OUT. */
class KickOutTest {
    private final ParleyServer server = TestServers.start();
    private ParleyEngine first;
    private ParleyEngine second;
    private ParleyEngine observer;

    @AfterEach
    void tearDown() {
        Engines.destroy(first, second, observer);
        server.close();
    }

    @Test
    void duplicateUserIdKicksTheEarlierSession() {
        EventRecorder watcher = new EventRecorder();
        observer = TestServers.engine(server, watcher);
        observer.loginRoom("r", new User("watcher"));
        watcher.awaitReason(RoomStateChangedReason.LOGINED);

        EventRecorder one = new EventRecorder();
        first = TestServers.engine(server, one);
        first.loginRoom("r", new User("dup"));
        one.awaitReason(RoomStateChangedReason.LOGINED);
        first.startPublishingStream("dup-cam");
        watcher.await(EventRecorder.StreamUpdate.class, s -> s.type() == UpdateType.ADD && s.has("dup-cam"));

        EventRecorder two = new EventRecorder();
        second = TestServers.engine(server, two);
        second.loginRoom("r", new User("dup"));
        two.awaitReason(RoomStateChangedReason.LOGINED);

        RoomStateChanged kicked = one.await(RoomStateChanged.class,
                e -> e.reason() == RoomStateChangedReason.KICK_OUT, Duration.ofSeconds(5));
        assertEquals(ErrorCode.ROOM_KICKED_OUT.code(), kicked.errorCode());
        one.await(RoomStateUpdate.class, s -> s.state() == RoomState.DISCONNECTED);
        one.await(PublisherStateUpdate.class, p -> p.state() == PublisherState.NO_PUBLISH
                && p.errorCode() == ErrorCode.ROOM_KICKED_OUT.code());
        watcher.await(EventRecorder.StreamUpdate.class, s -> s.type() == UpdateType.DELETE && s.has("dup-cam"));

        // the kicked engine may log in again (which in turn kicks the other)
        first.loginRoom("r", new User("dup"));
        one.awaitThat(r -> r.count(e -> e instanceof RoomStateChanged c && c.reason() == RoomStateChangedReason.LOGINED) == 2,
                Duration.ofSeconds(10), "logged in again");
        two.await(RoomStateChanged.class, e -> e.reason() == RoomStateChangedReason.KICK_OUT);
    }
}
