package dev.parley.media;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.engine.Canvas;
import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.TestPattern;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.SoundLevelRecorder;
import dev.parley.testing.SoundServer;
import java.time.Duration;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Playback control heard at the listener's speakers, through a private PulseAudio (what reaches
 * its null sink is read back from the monitor): two talkers, one sending the engine's 440 Hz test
 * tone and one the sound server's 660 Hz microphone; a play volume of 0 or a muted play silences
 * one while the other stays audible, and the speaker mute silences both; a volume of 50 lowers the
 * tone by about 6 dB and 200 raises it while the microphone's stream goes on. The microphone's
 * captured level is measured before joining and is near zero when muted.
 */
class PlaybackControlTest {
    private static final Duration LISTEN = Duration.ofMillis(400);
    private static final Duration HEARD = Duration.ofSeconds(20);
    /** A longer recording for comparing levels. */
    private static final Duration MEASURE = Duration.ofMillis(1000);
    private static final int TONE_HZ = 440;

    @RegisterExtension
    final MediaRoom room = new MediaRoom();

    @Test
    void oneStreamIsSilencedAtTheSpeakersWhileTheOtherStaysAudible() {
        SoundServer sound = room.closeAfterEngines(SoundServer.start());
        TwoTalkers call = twoTalkersHeard(sound);
        ParleyEngine toneTalker = call.toneTalker();
        ParleyEngine listener = call.listener();

        listener.setPlayVolume("tone_main", 0);
        awaitHeard(sound, "only the microphone at volume 0 for the tone",
                s -> !hears(s, TONE_HZ) && hears(s, SoundServer.MICROPHONE_HZ));
        listener.setPlayVolume("tone_main", 100);
        awaitHeard(sound, "both again", s -> hears(s, TONE_HZ) && hears(s, SoundServer.MICROPHONE_HZ));

        listener.mutePlayStreamAudio("mic_main", true);
        awaitHeard(sound, "only the tone with the microphone's play muted",
                s -> hears(s, TONE_HZ) && !hears(s, SoundServer.MICROPHONE_HZ));
        listener.mutePlayStreamAudio("mic_main", false);
        awaitHeard(sound, "both again", s -> hears(s, TONE_HZ) && hears(s, SoundServer.MICROPHONE_HZ));

        listener.muteSpeaker(true);
        assertTrue(listener.isSpeakerMuted());
        awaitHeard(sound, "silence with the speaker muted", s -> SoundServer.rms(s) < 50);
        listener.muteSpeaker(false);
        awaitHeard(sound, "both after the speaker mute", s -> hears(s, TONE_HZ) && hears(s, SoundServer.MICROPHONE_HZ));
        toneTalker.muteMicrophone(true);
        awaitHeard(sound, "the microphone alone once the tone talker mutes",
                s -> !hears(s, TONE_HZ) && hears(s, SoundServer.MICROPHONE_HZ));
    }

    @Test
    void aPlayVolumeScalesThatStreamAtTheSpeakersAndLeavesTheOther() {
        SoundServer sound = room.closeAfterEngines(SoundServer.start());
        ParleyEngine listener = twoTalkersHeard(sound).listener();
        double tone = SoundServer.toneRms(sound.awaitSteadyTones(HEARD, MEASURE, TONE_HZ), TONE_HZ);
        // the microphone's level is only checked to be heard: its talker's audio processing moves it
        // by up to ±4 dB by itself (measured with no volume change), where the tone holds within 0.5 dB
        ToneLevel toneAt = (what, test) -> awaitToneLevel(sound, what, tone, test);

        listener.setPlayVolume("tone_main", 50);
        toneAt.await("the tone about 6 dB down at volume 50, the microphone heard", db -> between(db, -9, -3));
        listener.setPlayVolume("tone_main", 200);
        toneAt.await("the tone louder at volume 200, the microphone heard", db -> db > 3);

        listener.setPlayVolume("tone_main", 50);
        toneAt.await("the tone down again", db -> between(db, -9, -3));
        listener.mutePlayStreamAudio("tone_main", true);
        awaitHeard(sound, "only the microphone with the scaled tone's play muted",
                s -> !hears(s, TONE_HZ) && hears(s, SoundServer.MICROPHONE_HZ));
        listener.mutePlayStreamAudio("tone_main", false);
        toneAt.await("the scaled tone with its play unmuted", db -> between(db, -9, -3));
        listener.muteSpeaker(true);
        awaitHeard(sound, "silence with the speaker muted while the tone is scaled", s -> SoundServer.rms(s) < 50);
        listener.muteSpeaker(false);
        toneAt.await("the scaled tone after the speaker mute", db -> between(db, -9, -3));

        listener.setPlayVolume("tone_main", 0);
        awaitHeard(sound, "only the microphone at volume 0", s -> !hears(s, TONE_HZ) && hears(s, SoundServer.MICROPHONE_HZ));
        listener.setPlayVolume("tone_main", 100);
        toneAt.await("the tone as received at volume 100 again", db -> between(db, -2, 2));
    }

    private record TwoTalkers(ParleyEngine toneTalker, ParleyEngine listener) {
    }

    /** The tone's talker and the microphone's in room r, and a listener playing both, heard at its speakers. */
    private TwoTalkers twoTalkersHeard(SoundServer sound) {
        ParleyEngine toneTalker = room.publisher(new EventRecorder(), "r", "tone", "tone_main", e -> {
            e.enableCamera(false);
            e.useAudioDevice(TestPattern.AUDIO_DEVICE_ID);
        });
        room.publisher(new EventRecorder(), "r", "mic", "mic_main", e -> e.enableCamera(false));
        ParleyEngine listener = room.player(new EventRecorder(), "r", "listener", "tone_main", new FrameCounterSink());
        listener.startPlayingStream("mic_main", new Canvas(new FrameCounterSink()));
        awaitHeard(sound, "both talkers", s -> hears(s, TONE_HZ) && hears(s, SoundServer.MICROPHONE_HZ));
        return new TwoTalkers(toneTalker, listener);
    }

    private interface ToneLevel {
        void await(String what, DoublePredicate test);
    }

    /**
     * Awaits a recording in which the microphone is heard and the tone's level, in dB against
     * {@code reference}, passes {@code test}; prints the level it passed with, and fails with the
     * last one heard.
     */
    private static void awaitToneLevel(SoundServer sound, String what, double reference, DoublePredicate test) {
        String[] last = {"nothing recorded"};
        try {
            sound.awaitSpeaker(what, HEARD, MEASURE, s -> {
                if (s.length == 0) { // the last recording, cut short at the timeout
                    return false;
                }
                double db = SoundServer.toneDb(s, TONE_HZ, reference);
                boolean microphone = hears(s, SoundServer.MICROPHONE_HZ);
                last[0] = String.format("tone %.1f dB, microphone %s", db, microphone ? "heard" : "not heard");
                return microphone && test.test(db);
            });
        } catch (ConditionTimeoutException e) {
            fail(what + "; last heard: " + last[0]);
        }
        System.out.println(what + ": " + last[0]);
    }

    private static boolean between(double value, double low, double high) {
        return value >= low && value <= high;
    }

    @Test
    void aVolumeOfZeroSetBeforePlayingHoldsFromTheStart() {
        SoundServer sound = room.closeAfterEngines(SoundServer.start());
        room.publisher(new EventRecorder(), "r", "tone", "tone_main", e -> {
            e.enableCamera(false);
            e.useAudioDevice(TestPattern.AUDIO_DEVICE_ID);
        });
        SoundLevelRecorder events = new SoundLevelRecorder();
        ParleyEngine listener = room.engine(events);
        listener.setPlayVolume("tone_main", 0);
        listener.startSoundLevelMonitor();
        listener.loginRoom("r", new dev.parley.engine.User("listener"));
        events.awaitReason(dev.parley.engine.RoomStateChangedReason.LOGINED);
        listener.startPlayingStream("tone_main", new Canvas(new FrameCounterSink()));
        Awaitility.await("the tone arriving").atMost(HEARD).until(() -> events.remote("tone_main") > SoundLevelTest.HEARD);
        short[] heard = sound.recordSpeaker(Duration.ofSeconds(1));
        assertTrue(SoundServer.rms(heard) < 50, "silent from the start, rms " + SoundServer.rms(heard));
        listener.setPlayVolume("tone_main", 150);
        awaitHeard(sound, "the tone once the volume is up", s -> hears(s, TONE_HZ));
    }

    @Test
    void theMicrophonesLevelIsMeasuredBeforeJoiningAndIsZeroWhenMuted() {
        room.closeAfterEngines(SoundServer.start());
        SoundLevelRecorder events = new SoundLevelRecorder();
        ParleyEngine engine = room.engine(events);
        engine.startSoundLevelMonitor(100);
        Awaitility.await("the microphone's level").atMost(HEARD).pollInterval(Duration.ofMillis(50))
                .until(() -> events.captured() > SoundLevelTest.HEARD);
        engine.muteMicrophone(true);
        Awaitility.await("near zero while muted").atMost(HEARD).pollInterval(Duration.ofMillis(50))
                .until(() -> events.captured() >= 0 && events.captured() < SoundLevelTest.SILENT);
        engine.muteMicrophone(false);
        Awaitility.await("the microphone again").atMost(HEARD).pollInterval(Duration.ofMillis(50))
                .until(() -> events.captured() > SoundLevelTest.HEARD);
        engine.useAudioDevice(TestPattern.AUDIO_DEVICE_ID);
        engine.stopSoundLevelMonitor();
    }

    @Test
    void withoutAMicrophoneTheCapturedLevelIsZeroNotTheSpeakersMonitor() {
        SoundServer sound = room.closeAfterEngines(SoundServer.startWithoutMicrophone());
        room.publisher(new EventRecorder(), "r", "tone", "tone_main", e -> {
            e.enableCamera(false);
            e.useAudioDevice(TestPattern.AUDIO_DEVICE_ID);
        });
        SoundLevelRecorder events = new SoundLevelRecorder();
        ParleyEngine listener = room.player(events, "r", "listener", "tone_main", new FrameCounterSink());
        listener.startSoundLevelMonitor();
        // the speakers play the tone, and the sound server's default input is their monitor
        awaitHeard(sound, "the tone on the speakers", s -> hears(s, TONE_HZ));
        Awaitility.await("reports").atMost(HEARD).until(() -> events.capturedReports() > 10);
        Awaitility.await("the captured level stays zero").during(Duration.ofSeconds(1)).atMost(HEARD)
                .until(() -> events.captured() == 0);
    }

    private static boolean hears(short[] samples, int hz) {
        // a tone alone has nearly all the energy at its frequency; two equal ones about half each
        return SoundServer.toneShare(samples, hz) > 0.2 && SoundServer.rms(samples) > 300;
    }

    private static short[] awaitHeard(SoundServer sound, String what, Predicate<short[]> test) {
        return sound.awaitSpeaker(what, HEARD, LISTEN, test);
    }
}
