package dev.parley.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.engine.Canvas;
import dev.parley.engine.DeviceInfo;
import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.TestPattern;
import dev.parley.protocol.ErrorCode;
import dev.parley.testing.EventRecorder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Device lists and selection on a machine without cameras: clear errors, never a crash, video goes on. */
class DevicesTest {
    @RegisterExtension
    final MediaRoom room = new MediaRoom();
    private ParleyEngine engine;
    private final List<String> errors = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        engine = room.engine(new EventRecorder() {
            @Override
            public void onDeviceError(int errorCode, String deviceID) {
                errors.add(errorCode + " " + deviceID);
            }
        });
    }

    @Test
    void theTestPatternIsListedFirstAndUnknownDevicesAreErrors() {
        List<DeviceInfo> video = engine.getVideoDevices();
        assertEquals(TestPattern.DEVICE_ID, video.get(0).deviceID());
        assertEquals(List.of(new DeviceInfo(TestPattern.AUDIO_DEVICE_ID, "Test tone")), engine.getAudioDevices());

        FrameCounterSink preview = new FrameCounterSink();
        engine.startPreview(new Canvas(preview));
        Awaitility.await("preview").atMost(Duration.ofSeconds(10)).until(() -> preview.frames() > 5);

        engine.useVideoDevice("/dev/video-that-does-not-exist");
        Awaitility.await("device error").atMost(Duration.ofSeconds(10))
                .until(() -> errors.contains(ErrorCode.DEVICE_NOT_FOUND.code() + " /dev/video-that-does-not-exist"));
        engine.useAudioDevice("no-such-microphone");
        Awaitility.await("audio device error").atMost(Duration.ofSeconds(10))
                .until(() -> errors.contains(ErrorCode.DEVICE_NOT_FOUND.code() + " no-such-microphone"));

        long frames = preview.frames();
        Awaitility.await("video goes on").atMost(Duration.ofSeconds(10)).until(() -> preview.frames() > frames + 10);
    }

    @Test
    void switchingTheDeviceDuringACallKeepsThePlayerConnected() {
        EventRecorder subEvents = new EventRecorder();
        ParleyEngine player = room.engine(subEvents);
        EventRecorder pubEvents = new EventRecorder();
        engine.setEventHandler(pubEvents);
        engine.loginRoom("r", new dev.parley.engine.User("pub"));
        pubEvents.awaitReason(dev.parley.engine.RoomStateChangedReason.LOGINED);
        engine.startPublishingStream("pub-cam");
        player.loginRoom("r", new dev.parley.engine.User("sub"));
        subEvents.awaitReason(dev.parley.engine.RoomStateChangedReason.LOGINED);
        FrameCounterSink remote = new FrameCounterSink();
        player.startPlayingStream("pub-cam", new Canvas(remote));
        Awaitility.await("remote frames").atMost(Duration.ofSeconds(15))
                .until(() -> remote.lastMarks() != null && remote.lastMarks().frameCounter() > 40);
        engine.useVideoDevice(TestPattern.DEVICE_ID);
        Awaitility.await("the new source reaches the player").atMost(Duration.ofSeconds(10))
                .until(() -> remote.lastMarks() != null && remote.lastMarks().frameCounter() < 20);
        long frames = remote.frames();
        Awaitility.await("and keeps flowing").atMost(Duration.ofSeconds(10)).until(() -> remote.frames() > frames + 10);
    }

    @Test
    void switchingToTheTestPatternDuringPreviewRestartsItsCounter() {
        FrameCounterSink preview = new FrameCounterSink();
        engine.startPreview(new Canvas(preview));
        Awaitility.await("pattern frames").atMost(Duration.ofSeconds(10))
                .until(() -> preview.lastMarks() != null && preview.lastMarks().frameCounter() > 30);
        engine.useVideoDevice(TestPattern.DEVICE_ID);
        Awaitility.await("a fresh source feeds the same preview").atMost(Duration.ofSeconds(10))
                .until(() -> preview.lastMarks() != null && preview.lastMarks().frameCounter() < 10);
    }
}
