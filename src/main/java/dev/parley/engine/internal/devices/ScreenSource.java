package dev.parley.engine.internal.devices;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.awt.AWTException;
import java.awt.GraphicsDevice;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A screen as a video track, for the AUX channel: a grabber thread captures one screen with
 * {@link Robot} and pushes it into a {@link CustomVideoSource}. webrtc-java 0.14's own
 * desktop capturer crashes on Linux (docs/webrtc-java-0.14.md §7), so capture happens in Java.
 *
 * <p>Created and disposed on the RTC thread; frames are pushed from the grabber thread. Lives while
 * any send connection carries the screen.
 */
final class ScreenSource implements LocalVideoSource {
    private static final Logger LOG = LoggerFactory.getLogger(ScreenSource.class);
    private final CustomVideoSource source;
    private final VideoTrack track;
    private final Robot robot;
    private final Rectangle area;
    private final ScheduledExecutorService grabber;
    private final ByteBuffer argb;

    /** Why the screen cannot be captured here, or null when it can. */
    static String unavailableReason() {
        return GraphicsEnvironment.isHeadless() ? "no display (headless)" : null;
    }

    ScreenSource(PeerConnectionFactory factory, GraphicsDevice screen, String trackId, int fps, int engineNumber)
            throws AWTException {
        this.robot = new Robot(screen);
        Rectangle bounds = screen.getDefaultConfiguration().getBounds();
        // I420 wants even sizes
        this.area = new Rectangle(bounds.x, bounds.y, bounds.width & ~1, bounds.height & ~1);
        this.argb = ByteBuffer.allocateDirect(area.width * area.height * 4).order(ByteOrder.LITTLE_ENDIAN);
        this.source = new CustomVideoSource();
        this.track = factory.createVideoTrack(trackId, source);
        this.grabber = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-screen-" + engineNumber);
            t.setDaemon(true);
            return t;
        });
        grabber.scheduleAtFixedRate(this::grabOne, 0, 1_000_000L / Math.max(1, fps), TimeUnit.MICROSECONDS);
    }

    @Override
    public VideoTrack track() {
        return track;
    }

    private void grabOne() {
        try {
            BufferedImage shot = robot.createScreenCapture(area);
            int[] pixels = shot.getRGB(0, 0, area.width, area.height, null, 0, area.width);
            IntBuffer ints = argb.clear().asIntBuffer();
            ints.put(pixels);
            NativeI420Buffer buffer = NativeI420Buffer.allocate(area.width, area.height);
            // libyuv's ARGB is the little-endian word 0xAARRGGBB: exactly Java's int pixels
            VideoBufferConverter.convertToI420(argb, buffer, FourCC.ARGB);
            VideoFrame frame = new VideoFrame(buffer, System.nanoTime());
            source.pushFrame(frame);
            frame.release();
        } catch (Exception | Error e) {
            LOG.warn("screen frame failed: {}", e.toString());
        }
    }

    @Override
    public void dispose() {
        grabber.shutdownNow();
        try {
            grabber.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            track.dispose();
        } catch (Error | RuntimeException e) {
            LOG.warn("screen track dispose: {}", e.toString());
        }
        source.dispose();
    }
}
