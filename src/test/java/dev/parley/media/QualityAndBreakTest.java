package dev.parley.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PlayStreamQuality;
import dev.parley.engine.PlayerMediaEvent;
import dev.parley.engine.PublishStreamQuality;
import dev.parley.engine.QualityLevel;
import dev.parley.engine.VideoConfig;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.MediaNetwork;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Quality reports from real stats, and stall events when the network between the peers is cut. */
class QualityAndBreakTest {
    @RegisterExtension
    final MediaRoom room = new MediaRoom();
    private ParleyEngine publisher;
    private ParleyEngine player;

    static final class MediaRecorder extends EventRecorder {
        final List<PublishStreamQuality> published = new CopyOnWriteArrayList<>();
        final List<PlayStreamQuality> played = new CopyOnWriteArrayList<>();
        final List<PlayerMediaEvent> mediaEvents = new CopyOnWriteArrayList<>();
        final List<String> network = new CopyOnWriteArrayList<>();

        @Override
        public void onNetworkQuality(String userID, QualityLevel up, QualityLevel down) {
            network.add(userID + " " + up + " " + down);
        }

        @Override
        public void onPublisherQualityUpdate(String streamID, PublishStreamQuality quality) {
            published.add(quality);
        }

        @Override
        public void onPlayerQualityUpdate(String streamID, PlayStreamQuality quality) {
            played.add(quality);
        }

        @Override
        public void onPlayerMediaEvent(String streamID, PlayerMediaEvent event) {
            mediaEvents.add(event);
        }
    }

    @Test
    void qualityIsReportedAndAStallIsSeenAndEnds() throws Exception {
        MediaRecorder pub = new MediaRecorder();
        MediaRecorder sub = new MediaRecorder();
        publisher = room.publisher(pub, "q", "pub", "pub-cam",
                e -> e.setVideoConfig(new VideoConfig(640, 360, 30, 800)));
        FrameCounterSink sink = new FrameCounterSink();
        player = room.player(sub, "q", "sub", "pub-cam", sink);

        Awaitility.await("a player quality report with decoded frames").atMost(Duration.ofSeconds(15))
                .until(() -> sub.played.stream().anyMatch(q -> q.videoDecodeFPS() > 5 && q.videoRenderFPS() > 5 && q.videoKBPS() > 10));
        PlayStreamQuality playQ = sub.played.stream()
                .filter(q -> q.videoDecodeFPS() > 5 && q.videoRenderFPS() > 5 && q.videoKBPS() > 10).findFirst().orElseThrow();
        assertEquals(640, playQ.width());
        assertEquals(360, playQ.height());
        assertEquals("video/VP8", playQ.videoCodec());
        assertTrue(playQ.videoKBPS() > 10, "kbps " + playQ.videoKBPS());
        Awaitility.await("audio packets arrive").atMost(Duration.ofSeconds(15))
                .until(() -> sub.played.stream().anyMatch(q -> q.audioRecvFPS() > 20 && q.audioKBPS() > 5));
        assertTrue(playQ.level() != QualityLevel.DIE && playQ.level() != QualityLevel.UNKNOWN, playQ.level().name());

        Awaitility.await("a publisher quality report with a player").atMost(Duration.ofSeconds(10))
                .until(() -> pub.published.stream().anyMatch(q -> q.players() == 1 && q.videoKBPS() > 10));
        PublishStreamQuality pubQ = pub.published.stream().filter(q -> q.players() == 1 && q.videoKBPS() > 10)
                .findFirst().orElseThrow();
        assertTrue(pubQ.videoCaptureFPS() > 20, "capture fps " + pubQ.videoCaptureFPS());
        assertTrue(pubQ.videoEncodeFPS() > 5, "encode fps " + pubQ.videoEncodeFPS());
        assertEquals(640, pubQ.width());
        Awaitility.await("audio is sent").atMost(Duration.ofSeconds(10))
                .until(() -> pub.published.stream().anyMatch(q -> q.audioKBPS() > 5));

        Awaitility.await("network quality of both sides").atMost(Duration.ofSeconds(10))
                .until(() -> sub.network.stream().anyMatch(n -> n.matches("null UNKNOWN (EXCELLENT|GOOD)"))
                        && sub.network.stream().anyMatch(n -> n.matches("pub (EXCELLENT|GOOD) UNKNOWN"))
                        && pub.network.stream().anyMatch(n -> n.matches("null (EXCELLENT|GOOD) UNKNOWN")));

        assertTrue(sub.mediaEvents.isEmpty(), "no stall while media flows: " + sub.mediaEvents);
        room.afterTest(MediaNetwork::restorePeers);
        MediaNetwork.cutPeers();
        Awaitility.await("video and audio stalls seen").atMost(Duration.ofSeconds(5))
                .until(() -> sub.mediaEvents.contains(PlayerMediaEvent.VIDEO_BREAK_OCCUR)
                        && sub.mediaEvents.contains(PlayerMediaEvent.AUDIO_BREAK_OCCUR));
        long framesWhileCut = sink.frames();
        MediaNetwork.restorePeers();
        Awaitility.await("stalls end").atMost(Duration.ofSeconds(20))
                .until(() -> sub.mediaEvents.contains(PlayerMediaEvent.VIDEO_BREAK_RESUME)
                        && sub.mediaEvents.contains(PlayerMediaEvent.AUDIO_BREAK_RESUME) && sink.frames() > framesWhileCut + 10);
        assertEquals(List.of(PlayerMediaEvent.VIDEO_BREAK_OCCUR, PlayerMediaEvent.VIDEO_BREAK_RESUME), sub.mediaEvents.stream()
                .filter(e -> e.name().startsWith("VIDEO")).toList().subList(0, 2));
        assertEquals(List.of(PlayerMediaEvent.AUDIO_BREAK_OCCUR, PlayerMediaEvent.AUDIO_BREAK_RESUME), sub.mediaEvents.stream()
                .filter(e -> e.name().startsWith("AUDIO")).toList().subList(0, 2));
    }
}
