package dev.parley.engine.internal.devices;

import dev.onvoid.webrtc.media.MediaDevices;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import dev.parley.engine.DeviceInfo;
import dev.parley.engine.PublishChannel;
import dev.parley.engine.TestPattern;
import dev.parley.engine.UpdateType;
import dev.parley.engine.VideoConfig;
import dev.parley.engine.VideoSink;
import dev.parley.engine.internal.core.CallbackDispatcher;
import dev.parley.engine.internal.core.Confinement;
import dev.parley.engine.internal.rtc.MediaFactory;
import dev.parley.engine.internal.rtc.NativeVideoFrame;
import dev.parley.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local video: one track from the selected camera, or the test pattern when that is the choice
 * or the camera fails, shared by the preview and every MAIN send connection; started by its first
 * user and stopped by its last. Switching the device makes a new track, keeps the preview on it,
 * and hands it to {@code replaced}, whose owner puts it on every connection that carries the old
 * one. Knows the cameras present ({@link CameraWatcher}) and reports those that come and go.
 *
 * <p>RTC thread, apart from {@link #devices()} and {@link #capturedFrames()}, which any thread may
 * call. Lives as long as the engine's media.
 */
public final class LocalVideo {
    private static final Logger LOG = LoggerFactory.getLogger(LocalVideo.class);

    private final MediaFactory factory;
    private final int engineNumber;
    private final CallbackDispatcher callbacks;
    private final Confinement rtc;
    private final Supplier<VideoConfig> config;
    private final BooleanSupplier live;
    private final Consumer<VideoTrack> replaced;
    private final CameraWatcher cameras = new CameraWatcher(() -> MediaDevices.getVideoCaptureDevices().stream()
            .map(d -> new DeviceInfo(d.getDescriptor(), d.getName())).toList());
    private final AtomicLong capturedFrames = new AtomicLong();
    private volatile String deviceId = TestPattern.DEVICE_ID;
    private LocalVideoSource video;
    private int users;
    private VideoTrackSink previewSink;
    private VideoTrackSink capturedFirstFrame;

    /**
     * @param config the size and rate a new track captures at
     * @param live whether a new track sends pictures (the camera is on and not muted)
     * @param replaced takes the new track when the device changes under running connections; RTC thread
     */
    public LocalVideo(MediaFactory factory, int engineNumber, CallbackDispatcher callbacks, Confinement rtc,
                      Supplier<VideoConfig> config, BooleanSupplier live, Consumer<VideoTrack> replaced) {
        this.factory = factory;
        this.engineNumber = engineNumber;
        this.callbacks = callbacks;
        this.rtc = rtc;
        this.config = config;
        this.live = live;
        this.replaced = replaced;
    }

    /** The track for one more user, started on first use. */
    public VideoTrack acquire() {
        rtc.check();
        if (video == null) {
            video = open(deviceId);
            AtomicBoolean first = new AtomicBoolean();
            capturedFirstFrame = frame -> {
                try {
                    capturedFrames.incrementAndGet();
                    if (first.compareAndSet(false, true)) {
                        callbacks.emit(h -> h.onPublisherCapturedVideoFirstFrame(PublishChannel.MAIN));
                    }
                } finally {
                    frame.release();
                }
            };
            video.track().addSink(capturedFirstFrame);
            video.track().setEnabled(live.getAsBoolean());
        }
        users++;
        return video.track();
    }

    /** One user let go; the last one stops the capture. */
    public void release() {
        rtc.check();
        if (users > 0 && --users == 0 && video != null) {
            video.track().removeSink(capturedFirstFrame);
            video.dispose();
            video = null;
        }
    }

    /** Sends pictures (true) or black frames from now on. */
    public void enable(boolean on) {
        rtc.check();
        if (video != null) {
            video.track().setEnabled(on);
        }
    }

    /** Shows the track in {@code sink}, replacing any earlier preview. */
    public void startPreview(VideoSink sink) {
        rtc.check();
        stopPreview();
        VideoTrack track = acquire();
        NativeVideoFrame view = new NativeVideoFrame();
        previewSink = frame -> {
            try {
                sink.onFrame(view.next(frame));
            } finally {
                frame.release();
            }
        };
        track.addSink(previewSink);
    }

    public void stopPreview() {
        rtc.check();
        if (previewSink != null && video != null) {
            video.track().removeSink(previewSink);
            previewSink = null;
            release();
        }
    }

    /** The selected device, or the test pattern when that is the choice or the camera fails. */
    private LocalVideoSource open(String device) {
        VideoConfig c = config.get();
        if (!TestPattern.DEVICE_ID.equals(device)) {
            try {
                return new CameraSource(factory.get(), device, "video-" + engineNumber, c.width(), c.height(), c.fps());
            } catch (RuntimeException e) {
                LOG.warn("{}", e.getMessage());
                int code = ErrorCode.DEVICE_CAMERA_FAILED.code();
                callbacks.emit(h -> h.onDeviceError(code, device));
            }
        }
        LOG.info("test pattern source started at {}x{} {} fps", c.width(), c.height(), c.fps());
        return new TestPatternSource(factory.get(), "video-" + engineNumber, c.width(), c.height(), c.fps(), engineNumber);
    }

    /** The cameras, test pattern first, as last looked at; any thread, never blocks. */
    public List<DeviceInfo> devices() {
        List<DeviceInfo> all = new ArrayList<>();
        all.add(new DeviceInfo(TestPattern.DEVICE_ID, "Test pattern"));
        all.addAll(cameras.known());
        return all;
    }

    /** Looks at the cameras and reports those that came and went; losing the camera in use falls back to the pattern. */
    public void lookForCameras() {
        rtc.check();
        factory.get(); // loads the native library
        for (CameraWatcher.Change change : cameras.poll()) {
            callbacks.emit(h -> h.onVideoDeviceStateChanged(change.type(), change.device()));
            boolean inUse = change.device().deviceID().equals(deviceId);
            if (change.type() == UpdateType.DELETE && inUse) {
                int code = ErrorCode.DEVICE_UNPLUGGED.code();
                callbacks.emit(h -> h.onDeviceError(code, change.device().deviceID()));
                use(TestPattern.DEVICE_ID);
            }
        }
    }

    /** Selects the video device; a running capture switches, keeping every connection. An unknown camera is an error. */
    public void use(String device) {
        rtc.check();
        if (!TestPattern.DEVICE_ID.equals(device)) {
            lookForCameras();
            if (!cameras.contains(device)) {
                int code = ErrorCode.DEVICE_NOT_FOUND.code();
                callbacks.emit(h -> h.onDeviceError(code, device));
                return;
            }
        }
        deviceId = device;
        if (video == null) {
            return;
        }
        LocalVideoSource old = video;
        video = open(device);
        VideoTrack track = video.track();
        track.setEnabled(live.getAsBoolean());
        old.track().removeSink(capturedFirstFrame);
        track.addSink(capturedFirstFrame);
        if (previewSink != null) {
            old.track().removeSink(previewSink);
            track.addSink(previewSink);
        }
        replaced.accept(track);
        old.dispose();
    }

    /** Frames captured so far, across device switches; any thread. */
    public long capturedFrames() {
        return capturedFrames.get();
    }

    /** At destroy, after every connection closed: stops the preview and the capture. */
    public void dispose() {
        rtc.check();
        stopPreview();
        if (video != null) {
            video.track().removeSink(capturedFirstFrame);
            video.dispose();
            video = null;
        }
        users = 0;
    }
}
