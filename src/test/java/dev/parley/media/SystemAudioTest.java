package dev.parley.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.engine.DeviceInfo;
import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.TestPattern;
import dev.parley.engine.UpdateType;
import dev.parley.protocol.ErrorCode;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.SoundServer;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The computer's sound devices, through a private PulseAudio: the talker's microphone (a steady
 * 660 Hz tone) is captured, sent and played on the listener's speakers; switching the talker to
 * the engine's 440 Hz test tone mid-call, and muting it, are heard there too. Without a
 * microphone, silence is sent (never the speakers' monitor) and the error says why.
 */
class SystemAudioTest {
    private static final Duration LISTEN = Duration.ofMillis(500);
    private static final Duration HEARD = Duration.ofSeconds(15);

    @RegisterExtension
    final MediaRoom room = new MediaRoom();

    @Test
    void theMicrophoneIsHeardOnTheOtherSidesSpeakers() {
        SoundServer sound = room.closeAfterEngines(SoundServer.start());
        ParleyEngine talker = room.publisher(new EventRecorder(), "r", "talker", "talker_main", e -> e.enableCamera(false));
        Awaitility.await("the system microphone listed").atMost(Duration.ofSeconds(10)).until(() -> {
            talker.refreshDevices(null);
            List<DeviceInfo> mics = talker.getAudioDevices();
            return mics.size() == 2 && mics.get(0).deviceID().equals(DeviceInfo.DEFAULT_MICROPHONE_ID);
        });
        assertEquals("Default microphone (Test_Microphone)", talker.getAudioDevices().get(0).deviceName());
        assertEquals(TestPattern.AUDIO_DEVICE_ID, talker.getAudioDevices().get(1).deviceID());

        room.player(new EventRecorder(), "r", "listener", "talker_main", new FrameCounterSink());
        short[] heard = awaitHeard(sound, "the microphone's tone on the speakers",
                s -> SoundServer.toneShare(s, SoundServer.MICROPHONE_HZ) > 0.8 && SoundServer.rms(s) > 500);
        assertTrue(SoundServer.toneShare(heard, 440) < 0.1, "not the engine's test tone");

        talker.useAudioDevice(TestPattern.AUDIO_DEVICE_ID);
        awaitHeard(sound, "the test tone after switching",
                s -> SoundServer.toneShare(s, 440) > 0.8 && SoundServer.rms(s) > 500);

        talker.muteMicrophone(true);
        awaitHeard(sound, "silence after muting", s -> SoundServer.rms(s) < 50);
    }

    @Test
    void withoutAMicrophoneSilenceIsSentAndTheErrorSaysWhy() {
        SoundServer sound = room.closeAfterEngines(SoundServer.startWithoutMicrophone());
        List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        EventRecorder talkerEvents = new EventRecorder() {
            @Override
            public void onDeviceError(int errorCode, String deviceID) {
                errors.add(errorCode + " " + deviceID);
            }
        };
        ParleyEngine talker = room.publisher(talkerEvents, "r", "talker", "talker_main", e -> { });
        FrameCounterSink frames = new FrameCounterSink();
        room.player(new EventRecorder(), "r", "listener", "talker_main", frames);
        // the audio starts with the first player's connection
        Awaitility.await("the missing microphone reported").atMost(Duration.ofSeconds(10))
                .until(() -> errors.contains(ErrorCode.DEVICE_NO_MICROPHONE.code() + " " + DeviceInfo.DEFAULT_MICROPHONE_ID));
        assertEquals(List.of(TestPattern.AUDIO_DEVICE_ID),
                talker.getAudioDevices().stream().map(DeviceInfo::deviceID).toList(),
                "the speakers' monitor is not offered as a microphone");
        Awaitility.await("the call is up").atMost(HEARD).until(() -> frames.frames() > 10);
        // the first moments of playout are not silent whatever is sent; then it stays silent
        awaitHeard(sound, "silence on the speakers", s -> SoundServer.rms(s) < 50);
        short[] heard = sound.recordSpeaker(Duration.ofSeconds(1));
        assertTrue(SoundServer.rms(heard) < 50, "still silent, rms " + SoundServer.rms(heard));

        talker.useAudioDevice(TestPattern.AUDIO_DEVICE_ID);
        awaitHeard(sound, "the test tone once chosen", s -> SoundServer.toneShare(s, 440) > 0.8 && SoundServer.rms(s) > 500);
    }

    @Test
    void aMicrophonePluggedInIsUsedAndUnpluggingItLeavesSilence() {
        SoundServer sound = room.closeAfterEngines(SoundServer.startWithoutMicrophone());
        DeviceLog talkerEvents = new DeviceLog();
        // looking at the devices once starts the engine's watch for plugs and unplugs
        ParleyEngine talker = room.publisher(talkerEvents, "r", "talker", "talker_main", ParleyEngine::getAudioDevices);
        room.player(new EventRecorder(), "r", "listener", "talker_main", new FrameCounterSink());
        String noMicrophone = ErrorCode.DEVICE_NO_MICROPHONE.code() + " " + DeviceInfo.DEFAULT_MICROPHONE_ID;
        Awaitility.await("no microphone at first").atMost(Duration.ofSeconds(10))
                .until(() -> talkerEvents.log.contains(noMicrophone));

        sound.plugMicrophone(880);
        Awaitility.await("the microphone reported").atMost(Duration.ofSeconds(10))
                .until(() -> talkerEvents.log.contains("ADD " + DeviceInfo.DEFAULT_MICROPHONE_ID));
        awaitHeard(sound, "the plugged microphone on the speakers",
                s -> SoundServer.toneShare(s, 880) > 0.8 && SoundServer.rms(s) > 500);

        sound.unplugMicrophone();
        Awaitility.await("the microphone gone").atMost(Duration.ofSeconds(10))
                .until(() -> talkerEvents.log.contains("DELETE " + DeviceInfo.DEFAULT_MICROPHONE_ID)
                        && talkerEvents.log.stream().filter(noMicrophone::equals).count() == 2);
        awaitHeard(sound, "silence, not the speakers' monitor", s -> SoundServer.rms(s) < 50);
        short[] heard = sound.recordSpeaker(Duration.ofSeconds(1));
        assertTrue(SoundServer.rms(heard) < 50, "still silent, rms " + SoundServer.rms(heard));
    }

    /** Records microphone changes and device errors in order. */
    static final class DeviceLog extends EventRecorder {
        final List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void onAudioDeviceStateChanged(UpdateType updateType, DeviceInfo device) {
            log.add(updateType + " " + device.deviceID());
        }

        @Override
        public void onDeviceError(int errorCode, String deviceID) {
            log.add(errorCode + " " + deviceID);
        }
    }

    private static short[] awaitHeard(SoundServer sound, String what, java.util.function.Predicate<short[]> test) {
        return sound.awaitSpeaker(what, HEARD, LISTEN, test);
    }
}
