package dev.parley.media;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.engine.Canvas;
import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PublishStreamQuality;
import dev.parley.engine.RoomStateChangedReason;
import dev.parley.engine.User;
import dev.parley.testing.SoundLevelRecorder;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sound levels and playback control with the engine's test tone (no sound server: the audio is
 * decoded and measured, not played): what is captured, before and without publishing, and what
 * arrives from a talker, each going to near zero when muted; a played stream's video muted here
 * stops coming (no frames, the publisher sends no video) while its audio goes on, also when muted
 * before the play starts.
 */
class SoundLevelTest {
    /** Well above anything that is not the tone (which measures about 70). */
    static final float HEARD = 40;
    /** Silence, or what little a codec leaves of it. */
    static final float SILENT = 5;
    private static final Duration MEDIA = Duration.ofSeconds(20);

    @RegisterExtension
    final MediaRoom room = new MediaRoom();

    @Test
    void theCapturedLevelIsMeasuredWithoutPublishingAndIsZeroWhenMuted() {
        SoundLevelRecorder events = new SoundLevelRecorder();
        ParleyEngine engine = room.engine(events);
        engine.startSoundLevelMonitor();
        await("the tone's captured level, before any login", () -> events.captured() > HEARD);
        assertTrue(events.captured() < 90, "the tone is at about a fifth of full scale: " + events.captured());
        assertTrue(events.levelThreads().stream().allMatch(t -> t.startsWith("parley-callback-")), events.levelThreads().toString());

        engine.muteMicrophone(true);
        await("near zero while muted", () -> events.captured() >= 0 && events.captured() < SILENT);
        engine.muteMicrophone(false);
        await("the tone again", () -> events.captured() > HEARD);

        engine.stopSoundLevelMonitor();
        long reports = events.capturedReports();
        Awaitility.await("no more reports").during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3))
                .until(() -> events.capturedReports() <= reports + 1);
    }

    @Test
    void aTalkersToneGivesRemoteLevelsThatFallToZeroWhenTheTalkerMutes() {
        SoundLevelRecorder talkerEvents = new SoundLevelRecorder();
        ParleyEngine talker = room.publisher(talkerEvents, "r", "talker", "talker_main", e -> e.enableCamera(false));
        talker.startSoundLevelMonitor(100);
        SoundLevelRecorder listenerEvents = new SoundLevelRecorder();
        ParleyEngine listener = room.player(listenerEvents, "r", "listener", "talker_main", new FrameCounterSink());
        listener.startSoundLevelMonitor(100);

        await("the talker's tone at the listener", () -> listenerEvents.remote("talker_main") > HEARD);
        await("the talker's own captured tone", () -> talkerEvents.captured() > HEARD);

        talker.mutePublishStreamAudio(true);
        await("near zero once the talker mutes", () -> listenerEvents.remote("talker_main") >= 0
                && listenerEvents.remote("talker_main") < SILENT);
        talker.mutePublishStreamAudio(false);
        await("the tone back", () -> listenerEvents.remote("talker_main") > HEARD);

        talker.muteMicrophone(true);
        await("near zero once the talker mutes the microphone", () -> listenerEvents.remote("talker_main") >= 0
                && listenerEvents.remote("talker_main") < SILENT);
        await("the talker's captured level near zero", () -> talkerEvents.captured() >= 0 && talkerEvents.captured() < SILENT);

        listener.stopPlayingStream("talker_main");
        await("a stopped stream is no longer reported", () -> listenerEvents.remote("talker_main") == -1);
    }

    @Test
    void aPlayedStreamsVideoMutedHereStopsComingWhileItsAudioGoesOn() {
        SoundLevelRecorder talkerEvents = new SoundLevelRecorder();
        room.publisher(talkerEvents, "r", "talker", "talker_main", e -> { });
        SoundLevelRecorder listenerEvents = new SoundLevelRecorder();
        FrameCounterSink frames = new FrameCounterSink();
        ParleyEngine listener = room.player(listenerEvents, "r", "listener", "talker_main", frames);
        listener.startSoundLevelMonitor();
        await("frames", () -> frames.frames() > 10);

        listener.mutePlayStreamVideo("talker_main", true);
        assertVideoStopsAndAudioGoesOn(talkerEvents, listenerEvents, frames);

        listener.mutePlayStreamVideo("talker_main", false);
        assertPatternAdvances(frames);
        assertTrue(listenerEvents.remote("talker_main") > HEARD, "audio on: " + listenerEvents.remote("talker_main"));
    }

    @Test
    void aVideoMuteMadeBeforePlayingAppliesWhenThePlayStarts() {
        SoundLevelRecorder talkerEvents = new SoundLevelRecorder();
        room.publisher(talkerEvents, "r", "talker", "talker_main", e -> { });
        SoundLevelRecorder listenerEvents = new SoundLevelRecorder();
        ParleyEngine listener = room.engine(listenerEvents);
        listener.mutePlayStreamVideo("talker_main", true);
        listener.startSoundLevelMonitor();
        listener.loginRoom("r", new User("listener"));
        listenerEvents.awaitReason(RoomStateChangedReason.LOGINED);
        FrameCounterSink frames = new FrameCounterSink();
        listener.startPlayingStream("talker_main", new Canvas(frames));
        await("the audio", () -> listenerEvents.remote("talker_main") > HEARD);
        assertVideoStopsAndAudioGoesOn(talkerEvents, listenerEvents, frames);
        assertTrue(frames.frames() == 0, "no frame at all: " + frames.frames());

        listener.mutePlayStreamVideo("talker_main", false);
        assertPatternAdvances(frames);
    }

    /** No frame reaches the sink, the publisher's reports show no video sent, and the tone still arrives. */
    private static void assertVideoStopsAndAudioGoesOn(SoundLevelRecorder talker, SoundLevelRecorder listener,
                                                       FrameCounterSink frames) {
        int seen = talker.published().size();
        Awaitility.await("the publisher sending no video").atMost(MEDIA).until(() -> {
            List<PublishStreamQuality> reports = talker.published();
            // a report counts once the one whole period after the change is in it
            return reports.size() > seen + 1 && reports.get(reports.size() - 1).videoKBPS() < 5
                    && reports.get(reports.size() - 1).audioKBPS() > 10;
        });
        long frozen = frames.frames();
        Awaitility.await("no frames").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> frames.frames() == frozen);
        assertTrue(listener.remote("talker_main") > HEARD, "audio still arrives: " + listener.remote("talker_main"));
    }

    private static void assertPatternAdvances(FrameCounterSink frames) {
        long before = frames.frames();
        await("frames again", () -> frames.frames() > before + 10);
        long counter = frames.lastMarks().frameCounter();
        await("the pattern counter advancing", () -> frames.lastMarks().frameCounter() > counter + 5);
    }

    static void await(String what, java.util.concurrent.Callable<Boolean> condition) {
        Awaitility.await(what).atMost(MEDIA).pollInterval(Duration.ofMillis(50)).until(condition);
    }
}
