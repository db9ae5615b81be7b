package dev.parley.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.engine.Canvas;
import dev.parley.engine.DeviceInfo;
import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PlayerState;
import dev.parley.engine.PublishChannel;
import dev.parley.engine.PublisherState;
import dev.parley.engine.RoomStateChangedReason;
import dev.parley.engine.TestPattern;
import dev.parley.engine.User;
import dev.parley.protocol.ErrorCode;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.EventRecorder.PublisherStateUpdate;
import java.awt.Frame;
import java.awt.Graphics;
import java.awt.GraphicsEnvironment;
import java.awt.Toolkit;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The AUX channel carries the screen: a window showing the test pattern with a fixed counter
 * fills the (virtual) screen, and the player of the AUX stream reads that counter from its frames
 * while the MAIN stream keeps its own advancing pattern.
 */
class ScreenShareTest {
    private static final long SCREEN_COUNTER = 4242;
    private static final Duration MEDIA = Duration.ofSeconds(20);
    @RegisterExtension
    final MediaRoom room = new MediaRoom();
    private ParleyEngine publisher;
    private ParleyEngine player;
    private Frame window;

    @BeforeEach
    void setUp() {
        Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(),
                "screen sharing needs a display; scripts/netns/bin/java gives one through xvfb-run");
        room.afterTest(() -> {
            if (window != null) {
                window.dispose();
            }
        });
    }

    /** A borderless window over the whole screen, showing the pattern with a fixed counter. */
    private void showPatternOnScreen() {
        var size = Toolkit.getDefaultToolkit().getScreenSize();
        int w = size.width;
        int h = size.height;
        ByteBuffer luma = ByteBuffer.allocate(w * h);
        TestPattern.paintLuma(luma, w, w, h, SCREEN_COUNTER, System.currentTimeMillis());
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = luma.get(y * w + x) & 0xFF;
                image.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        window = new Frame("pattern");
        window.setUndecorated(true);
        window.setBounds(0, 0, w, h);
        window.add(new java.awt.Canvas() {
            @Override
            public void paint(Graphics g) {
                g.drawImage(image, 0, 0, null);
            }
        });
        window.setVisible(true);
    }

    @Test
    void auxStreamCarriesTheScreenBesideTheMainStream() {
        showPatternOnScreen();
        EventRecorder publisherEvents = new EventRecorder();
        publisher = room.engine(publisherEvents);
        publisher.loginRoom("room", new User("presenter"));
        publisherEvents.awaitReason(RoomStateChangedReason.LOGINED);
        publisher.startPublishingStream("presenter_main");
        publisher.startPublishingStream("presenter_screen", PublishChannel.AUX);
        publisherEvents.awaitThat(r -> r.all(PublisherStateUpdate.class).stream()
                .filter(p -> p.state() == PublisherState.PUBLISHING).count() == 2, MEDIA, "both streams publishing");

        EventRecorder playerEvents = new EventRecorder();
        player = room.engine(playerEvents);
        player.loginRoom("room", new User("viewer"));
        playerEvents.awaitReason(RoomStateChangedReason.LOGINED);
        FrameCounterSink camera = new FrameCounterSink();
        FrameCounterSink screen = new FrameCounterSink();
        player.startPlayingStream("presenter_main", new Canvas(camera));
        player.startPlayingStream("presenter_screen", new Canvas(screen));

        var size = Toolkit.getDefaultToolkit().getScreenSize();
        Awaitility.await("the screen's pattern at the player").atMost(MEDIA)
                .until(() -> screen.lastMarks() != null && screen.lastMarks().frameCounter() == SCREEN_COUNTER);
        assertEquals(size.width & ~1, screen.width());
        assertEquals(size.height & ~1, screen.height());
        Awaitility.await("the camera stream's own counter moving").atMost(MEDIA)
                .until(() -> camera.lastMarks() != null && camera.lastMarks().frameCounter() > 20);
        assertTrue(camera.lastMarks().frameCounter() != SCREEN_COUNTER);

        publisher.stopPublishingStream(PublishChannel.AUX);
        Awaitility.await("screen capture stopped").atMost(MEDIA).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("parley-screen-") && t.isAlive()));
        long cameraFrames = camera.frames();
        Awaitility.await("the camera stream goes on").atMost(MEDIA).until(() -> camera.frames() > cameraFrames + 10);
        assertNotNull(camera.lastMarks());
    }

    @Test
    void theChosenScreenIsSharedAndASwitchMovesTheShareOnTheSameConnection() {
        Log publisherEvents = new Log();
        publisher = room.engine(publisherEvents);
        List<DeviceInfo> screens = publisher.getScreens();
        Assumptions.assumeTrue(screens.size() >= 2,
                "needs two screens; scripts/netns/bin/java gives Xvfb a second one of 800x600");
        assertTrue(screens.get(0).deviceName().contains("primary"), screens.toString());
        DeviceInfo second = screens.stream().filter(d -> d.deviceName().contains("(800x600)")).findFirst().orElseThrow();
        publisher.useScreen(second.deviceID());
        publisher.loginRoom("room", new User("presenter"));
        publisherEvents.awaitReason(RoomStateChangedReason.LOGINED);
        publisher.startPublishingStream("presenter_screen", PublishChannel.AUX);

        Log playerEvents = new Log();
        player = room.engine(playerEvents);
        player.loginRoom("room", new User("viewer"));
        playerEvents.awaitReason(RoomStateChangedReason.LOGINED);
        FrameCounterSink screen = new FrameCounterSink();
        player.startPlayingStream("presenter_screen", new Canvas(screen));
        Awaitility.await("the second screen at the player").atMost(MEDIA)
                .until(() -> screen.frames() > 3 && screen.width() == 800 && screen.height() == 600);

        var primary = Toolkit.getDefaultToolkit().getScreenSize();
        publisher.useScreen(screens.get(0).deviceID());
        Awaitility.await("the primary screen at the player").atMost(MEDIA)
                .until(() -> screen.width() == (primary.width & ~1) && screen.height() == (primary.height & ~1));
        assertEquals(List.of(PlayerState.PLAY_REQUESTING, PlayerState.PLAYING), playerEvents.states,
                "the player kept its connection through the switch");

        publisher.useScreen("screen:no-such-screen");
        Awaitility.await("unknown screen refused").atMost(MEDIA)
                .until(() -> publisherEvents.deviceErrors.contains(ErrorCode.DEVICE_NOT_FOUND.code() + " screen:no-such-screen"));
    }

    /** Records player states in order, and device errors. */
    static final class Log extends EventRecorder {
        final List<PlayerState> states = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> deviceErrors = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void onDeviceError(int errorCode, String deviceID) {
            deviceErrors.add(errorCode + " " + deviceID);
        }

        @Override
        public void onPlayerStateUpdate(String streamID, PlayerState state, int errorCode, String extendedData) {
            states.add(state);
        }
    }
}
