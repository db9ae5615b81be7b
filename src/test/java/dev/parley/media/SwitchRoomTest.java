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
import dev.parley.protocol.ErrorCode;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.EventRecorder.PublisherStateUpdate;
import dev.parley.testing.EventRecorder.RoomStateChanged;
import dev.parley.testing.EventRecorder.StreamUpdate;
import dev.parley.testing.EventRecorder.UserUpdate;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * switchRoom: the states the guides give (LOGINING for the new room, LOGOUT for the old, LOGINED
 * for the new), the old room seeing the user and its stream go, the new room seeing them come, and
 * the published stream playing in the new room without ever being NO_PUBLISH.
 */
class SwitchRoomTest {
    private static final Duration MEDIA = Duration.ofSeconds(30);
    @RegisterExtension
    final MediaRoom room = new MediaRoom();

    @Test
    void theUserAndItsStreamMoveToTheNewRoom() {
        EventRecorder alice = new EventRecorder();
        ParleyEngine aliceEngine = room.publisher(alice, "first", "alice", "alice_main",
                e -> e.setVideoConfig(new VideoConfig(640, 360, 30, 800)));
        EventRecorder bob = new EventRecorder();
        room.player(bob, "first", "bob", "alice_main", new FrameCounterSink());
        EventRecorder carol = new EventRecorder();
        ParleyEngine carolEngine = room.engine(carol);
        carolEngine.loginRoom("second", new User("carol"));
        carol.awaitReason(RoomStateChangedReason.LOGINED);
        int statesBefore = alice.all(RoomStateChanged.class).size();
        int publisherStatesBefore = alice.all(PublisherStateUpdate.class).size();

        aliceEngine.switchRoom("first", "second");

        alice.awaitThat(a -> a.all(RoomStateChanged.class).stream().anyMatch(s -> s.roomID().equals("second")
                && s.reason() == RoomStateChangedReason.LOGINED), MEDIA, "LOGINED in the new room");
        List<RoomStateChanged> changes = alice.all(RoomStateChanged.class);
        List<String> order = changes.subList(statesBefore, changes.size()).stream()
                .map(c -> c.roomID() + " " + c.reason()).toList();
        assertEquals(List.of("second LOGINING", "first LOGOUT", "second LOGINED"), order);

        // the old room sees alice and her stream go; the new one sees them come
        bob.await(UserUpdate.class, u -> u.type() == UpdateType.DELETE && u.has("alice"), MEDIA);
        bob.await(StreamUpdate.class, u -> u.type() == UpdateType.DELETE && u.has("alice_main"), MEDIA);
        carol.await(UserUpdate.class, u -> u.type() == UpdateType.ADD && u.has("alice"), MEDIA);
        carol.await(StreamUpdate.class, u -> u.type() == UpdateType.ADD && u.has("alice_main"), MEDIA);

        // and the stream plays there
        FrameCounterSink atCarol = new FrameCounterSink();
        carolEngine.startPlayingStream("alice_main", new Canvas(atCarol));
        Awaitility.await("alice's pattern in the new room").atMost(MEDIA).until(() -> atCarol.frames() > 10);
        long counter = atCarol.lastMarks().frameCounter();
        Awaitility.await().atMost(MEDIA).until(() -> atCarol.lastMarks().frameCounter() > counter + 5);
        assertEquals(640, atCarol.width());

        List<PublisherStateUpdate> publisher = alice.all(PublisherStateUpdate.class);
        List<PublisherState> states = publisher.subList(publisherStatesBefore, publisher.size()).stream()
                .map(PublisherStateUpdate::state).toList();
        assertTrue(!states.contains(PublisherState.NO_PUBLISH) && states.get(states.size() - 1) == PublisherState.PUBLISHING,
                states.toString());
    }

    @Test
    void switchingFromARoomThisClientIsNotInFails() {
        EventRecorder alice = new EventRecorder();
        ParleyEngine engine = room.engine(alice);
        engine.loginRoom("first", new User("alice"));
        alice.awaitReason(RoomStateChangedReason.LOGINED);
        engine.switchRoom("elsewhere", "second");
        RoomStateChanged failed = alice.await(RoomStateChanged.class, s -> s.roomID().equals("second")
                && s.reason() == RoomStateChangedReason.LOGIN_FAILED, MEDIA);
        assertEquals(ErrorCode.ROOM_NOT_LOGGED_IN_TO_ROOM.code(), failed.errorCode());
        // still in the first room
        engine.sendBroadcastMessage("first", "still here", (code, id) -> assertEquals(0, code));
        assertTrue(alice.all(RoomStateChanged.class).stream().noneMatch(s -> s.reason() == RoomStateChangedReason.LOGOUT));
    }
}
