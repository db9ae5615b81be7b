package dev.parley.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PlayerState;
import dev.parley.engine.PublisherState;
import dev.parley.engine.RoomStateChangedReason;
import dev.parley.engine.UpdateType;
import dev.parley.engine.User;
import dev.parley.engine.VideoConfig;
import dev.parley.protocol.ErrorCode;
import dev.parley.server.ParleyServer;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.EventRecorder.PublisherStateUpdate;
import dev.parley.testing.EventRecorder.StreamUpdate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A call keeps its media through a server restart, and a stream ID taken by another user is refused. */
class CallSurvivesServerTest {
    @RegisterExtension
    final MediaRoom room = new MediaRoom();
    private ParleyEngine publisher;
    private ParleyEngine player;
    private ParleyEngine thief;

    static final class StateRecorder extends EventRecorder {
        final List<PlayerState> playerStates = new CopyOnWriteArrayList<>();

        @Override
        public void onPlayerStateUpdate(String streamID, PlayerState state, int errorCode, String extendedData) {
            playerStates.add(state);
        }
    }

    @Test
    void serverRestartMidCallKeepsFramesFlowingWithoutDuplicates() {
        EventRecorder pub = new EventRecorder();
        StateRecorder sub = new StateRecorder();
        publisher = room.publisher(pub, "r", "pub", "pub-cam",
                e -> e.setVideoConfig(new VideoConfig(320, 180, 30, 300)));
        FrameCounterSink sink = new FrameCounterSink();
        player = room.player(sub, "r", "sub", "pub-cam", sink);
        Awaitility.await("frames before").atMost(Duration.ofSeconds(15)).until(() -> sink.frames() > 10);

        int port = room.server().port();
        room.server().close();
        pub.awaitReason(RoomStateChangedReason.RECONNECTING);
        room.replaceServer(c -> c.port(port));
        pub.awaitReason(RoomStateChangedReason.RECONNECTED);
        sub.awaitReason(RoomStateChangedReason.RECONNECTED);
        ParleyServer restarted = room.server();
        Awaitility.await("stream re-registered").atMost(Duration.ofSeconds(10))
                .until(() -> restarted.stats().streams() == 1);

        long counter = sink.lastMarks().frameCounter();
        Awaitility.await("frames after").atMost(Duration.ofSeconds(10))
                .until(() -> sink.lastMarks().frameCounter() > counter + 30);
        assertEquals(List.of(PlayerState.PLAY_REQUESTING, PlayerState.PLAYING), sub.playerStates,
                "the player never stopped playing");
        assertEquals(1, sub.count(e -> e instanceof StreamUpdate s && s.type() == UpdateType.ADD));
        assertEquals(0, sub.count(e -> e instanceof StreamUpdate s && s.type() == UpdateType.DELETE));
    }

    @Test
    void aStreamIdLiveElsewhereIsRefused() {
        EventRecorder pub = new EventRecorder();
        EventRecorder other = new EventRecorder();
        publisher = room.engine(pub);
        publisher.loginRoom("r", new User("pub"));
        pub.awaitReason(RoomStateChangedReason.LOGINED);
        publisher.startPublishingStream("shared-id");
        pub.await(PublisherStateUpdate.class, p -> p.state() == PublisherState.PUBLISHING);

        thief = room.engine(other);
        thief.loginRoom("elsewhere", new User("thief"));
        other.awaitReason(RoomStateChangedReason.LOGINED);
        thief.startPublishingStream("shared-id");
        PublisherStateUpdate refused = other.await(PublisherStateUpdate.class, p -> p.state() == PublisherState.NO_PUBLISH);
        assertEquals(ErrorCode.PUBLISHER_STREAM_ID_IN_USE.code(), refused.errorCode());
    }
}
