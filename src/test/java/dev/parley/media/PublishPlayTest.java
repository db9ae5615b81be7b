package dev.parley.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PlayerState;
import dev.parley.engine.TestPattern;
import dev.parley.engine.VideoConfig;
import dev.parley.protocol.ErrorCode;
import dev.parley.testing.EventRecorder;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real video between two engines: the player receives test-pattern frames of the published size. */
class PublishPlayTest {
    @RegisterExtension
    final MediaRoom room = new MediaRoom();
    private ParleyEngine publisher;
    private ParleyEngine player;
    private final EventRecorder pub = new EventRecorder();
    private final PlayerRecorder play = new PlayerRecorder();

    /** Also records the player callbacks of the media layer. */
    static final class PlayerRecorder extends EventRecorder {
        final java.util.List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void onPlayerStateUpdate(String streamID, PlayerState state, int errorCode, String extendedData) {
            log.add("state " + streamID + " " + state + " " + errorCode);
            synchronized (this) {
                notifyAll();
            }
        }

        @Override
        public void onPlayerRecvVideoFirstFrame(String streamID) {
            log.add("recv first " + streamID);
        }

        @Override
        public void onPlayerRenderVideoFirstFrame(String streamID) {
            log.add("render first " + streamID);
        }
    }

    @Test
    void playerReceivesTheTestPatternAtThePublishedSize() {
        publisher = room.publisher(pub, "call", "pub", "pub-cam",
                e -> e.setVideoConfig(new VideoConfig(640, 360, 30, 1500)));
        FrameCounterSink sink = new FrameCounterSink();
        player = room.player(play, "call", "viewer", "pub-cam", sink);

        Awaitility.await("30 frames arrived").atMost(Duration.ofSeconds(20)).until(() -> sink.frames() >= 30);
        assertEquals(640, sink.width());
        assertEquals(360, sink.height());
        TestPattern.Marks first = sink.lastMarks();
        assertNotNull(first, "frames carry the test pattern");
        long target = first.frameCounter() + 15;
        Awaitility.await("frame counter advances").atMost(Duration.ofSeconds(10))
                .until(() -> sink.lastMarks().frameCounter() >= target);
        long latency = sink.lastMarks().ageMillis(sink.lastArrivalMillis());
        assertTrue(latency >= 0 && latency < 5000, "send time is plausible: " + latency + " ms");

        assertEquals(List.of("state pub-cam PLAY_REQUESTING 0", "state pub-cam PLAYING 0"),
                play.log.stream().filter(l -> l.startsWith("state")).toList());
        assertEquals(1, play.log.stream().filter(l -> l.equals("recv first pub-cam")).count());
        assertTrue(play.log.indexOf("recv first pub-cam") < play.log.indexOf("render first pub-cam"));

        publisher.stopPublishingStream();
        Awaitility.await("the player stops when the stream leaves").atMost(Duration.ofSeconds(10))
                .until(() -> play.log.contains("state pub-cam NO_PLAY " + ErrorCode.PLAYER_STREAM_NOT_FOUND.code()));
        long framesAtStop = sink.frames();
        publisher.startPublishingStream("pub-cam");
        Awaitility.await("play resumes when the stream is published again").atMost(Duration.ofSeconds(20))
                .until(() -> sink.frames() > framesAtStop + 10
                        && play.log.stream().filter(l -> l.equals("state pub-cam PLAYING 0")).count() == 2);
    }
}
