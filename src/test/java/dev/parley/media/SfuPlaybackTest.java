package dev.parley.media;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PlayStreamQuality;
import dev.parley.engine.VideoConfig;
import dev.parley.protocol.MediaMode;
import dev.parley.server.MediaConfig;
import dev.parley.testing.SoundLevelRecorder;
import dev.parley.testing.TestJanus;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sound levels and a muted play's video in an SFU room, through the Janus the room server starts:
 * the talker's tone arrives from the media server with its level, and muting the play's video
 * stops its frames (the media server stops sending them) while the tone goes on; unmuting brings
 * the advancing pattern back on the same play.
 */
class SfuPlaybackTest {
    private static final Duration MEDIA = Duration.ofSeconds(30);

    @RegisterExtension
    final MediaRoom room = new MediaRoom();

    @BeforeEach
    void sfuServer() {
        TestJanus.assumeAvailable();
        room.replaceServer(b -> b.media(MediaConfig.MESH.withAllApps(MediaMode.SFU).withManagedJanus(TestJanus.config())));
    }

    @Test
    void remoteLevelsArriveAndAMutedPlaysVideoStopsWhileItsAudioGoesOn() {
        room.publisher(new SoundLevelRecorder(), "sfu", "talker", "talker_main",
                e -> e.setVideoConfig(new VideoConfig(640, 360, 30, 800)));
        SoundLevelRecorder listener = new SoundLevelRecorder();
        FrameCounterSink frames = new FrameCounterSink();
        ParleyEngine engine = room.player(listener, "sfu", "listener", "talker_main", frames);
        engine.startSoundLevelMonitor();
        await("frames through the media server", () -> frames.frames() > 10);
        await("the tone's level through the media server", () -> listener.remote("talker_main") > SoundLevelTest.HEARD);

        engine.mutePlayStreamVideo("talker_main", true);
        PlayStreamQuality before = listener.lastPlayed("talker_main");
        await("the media server sending no video", () -> {
            PlayStreamQuality q = listener.lastPlayed("talker_main");
            return q != before && q != null && q.videoKBPS() < 5 && q.audioKBPS() > 10;
        });
        long frozen = frames.frames();
        Awaitility.await("no frames").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> frames.frames() == frozen);
        assertTrue(listener.remote("talker_main") > SoundLevelTest.HEARD, "the tone goes on: " + listener.remote("talker_main"));

        engine.mutePlayStreamVideo("talker_main", false);
        await("frames again", () -> frames.frames() > frozen + 10);
        long counter = frames.lastMarks().frameCounter();
        await("the pattern counter advancing", () -> frames.lastMarks().frameCounter() > counter + 5);
    }

    private static void await(String what, java.util.concurrent.Callable<Boolean> condition) {
        Awaitility.await(what).atMost(MEDIA).pollInterval(Duration.ofMillis(50)).until(condition);
    }
}
