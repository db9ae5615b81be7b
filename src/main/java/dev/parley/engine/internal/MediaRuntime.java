package dev.parley.engine.internal;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import dev.parley.engine.Canvas;
import dev.parley.engine.PublishChannel;
import dev.parley.engine.VideoConfig;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine's media: the RTC thread, the factory, the local video source shared by the preview
 * and every send connection, and the preview sink.
 *
 * <p>The methods marked "RTC thread" must run there; the rest are safe from the engine loop.
 * Lives from the engine's first media use to destroy.
 */
final class MediaRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(MediaRuntime.class);

    private final EngineContext engine;
    private final int engineNumber;
    private final RtcThread rtc;
    private final MediaFactory factory;
    private final LocalAudio audio;
    private final ScreenShare screen;
    private volatile VideoConfig videoConfig;
    private LocalVideoSource video;
    private volatile String videoDeviceId = dev.parley.engine.TestPattern.DEVICE_ID;
    private static final long CAMERA_POLL_MILLIS = 2000;
    private final CameraWatcher cameras = new CameraWatcher(() -> dev.onvoid.webrtc.media.MediaDevices
            .getVideoCaptureDevices().stream().map(d -> new dev.parley.engine.DeviceInfo(d.getDescriptor(), d.getName())).toList());
    private final java.util.concurrent.atomic.AtomicBoolean cameraPolling = new java.util.concurrent.atomic.AtomicBoolean();
    /** Send connections that carry the local video, so that a device switch can replace it. RTC thread. */
    private final java.util.Set<PeerLink> videoLinks = new java.util.LinkedHashSet<>();
    private int videoUsers;
    private VideoTrackSink previewSink;
    private VideoTrackSink capturedFirstFrame;
    private final java.util.concurrent.atomic.AtomicLong capturedFrames = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean cameraEnabled = true;
    private volatile boolean microphoneMuted;
    private volatile boolean publishAudioMuted;
    private volatile boolean publishVideoMuted;

    boolean cameraEnabled() {
        return cameraEnabled;
    }

    /** Whether published streams carry live video now. */
    boolean videoOn() {
        return cameraEnabled && !publishVideoMuted;
    }

    /** Whether published streams carry live audio now. */
    boolean audioOn() {
        return !microphoneMuted && !publishAudioMuted;
    }

    void enableCamera(boolean enable) {
        cameraEnabled = enable;
        applyMute();
    }

    void muteMicrophone(boolean mute) {
        microphoneMuted = mute;
        applyMute();
    }

    void mutePublishAudio(boolean mute) {
        publishAudioMuted = mute;
        applyMute();
    }

    void mutePublishVideo(boolean mute) {
        publishVideoMuted = mute;
        applyMute();
    }

    private void applyMute() {
        boolean videoLive = videoOn();
        boolean audioLive = audioOn();
        rtc.execute("apply mute", () -> {
            if (video != null) {
                video.track().setEnabled(videoLive);
            }
            audio.enable(audioLive);
        });
    }

    MediaRuntime(EngineContext engine, int engineNumber, VideoConfig videoConfig, dev.parley.engine.AudioDeviceMode audioDevices) {
        this.engine = engine;
        this.engineNumber = engineNumber;
        this.rtc = new RtcThread(engineNumber);
        this.factory = new MediaFactory(audioDevices);
        this.audio = new LocalAudio(factory, engineNumber, new AudioDeviceEvents(engine));
        this.screen = new ScreenShare(factory::get, engineNumber);
        this.videoConfig = videoConfig;
    }

    RtcThread rtc() {
        return rtc;
    }

    /** RTC thread: whether received audio reaches speakers (otherwise video is not synced to it). */
    boolean audioPlayed() {
        return factory.playsAudio();
    }

    VideoConfig videoConfig() {
        return videoConfig;
    }

    void videoConfig(VideoConfig value) {
        this.videoConfig = value;
    }

    /** RTC thread. */
    PeerConnectionFactory factory() {
        return factory.get();
    }

    /** RTC thread: the screen for AUX streams, shared by their connections. */
    ScreenShare screen() {
        return screen;
    }

    /** RTC thread: the local video track, started on first use. */
    VideoTrack acquireVideo() {
        if (video == null) {
            video = openVideo(videoDeviceId);
            AtomicBoolean first = new AtomicBoolean();
            capturedFirstFrame = frame -> {
                try {
                    capturedFrames.incrementAndGet();
                    if (first.compareAndSet(false, true)) {
                        engine.callbacks().emit(h -> h.onPublisherCapturedVideoFirstFrame(PublishChannel.MAIN));
                    }
                } finally {
                    frame.release();
                }
            };
            video.track().addSink(capturedFirstFrame);
            video.track().setEnabled(videoOn());
        }
        videoUsers++;
        return video.track();
    }

    /** RTC thread: the selected device, or the test pattern when it is the choice or the camera fails. */
    private LocalVideoSource openVideo(String deviceId) {
        VideoConfig c = videoConfig;
        if (!dev.parley.engine.TestPattern.DEVICE_ID.equals(deviceId)) {
            try {
                return new CameraSource(factory(), deviceId, "video-" + engineNumber, c.width(), c.height(), c.fps());
            } catch (RuntimeException e) {
                LOG.warn("{}", e.getMessage());
                int code = dev.parley.protocol.ErrorCode.DEVICE_CAMERA_FAILED.code();
                engine.callbacks().emit(h -> h.onDeviceError(code, deviceId));
            }
        }
        LOG.info("test pattern source started at {}x{} {} fps", c.width(), c.height(), c.fps());
        return new TestPatternSource(factory(), "video-" + engineNumber, c.width(), c.height(), c.fps(), engineNumber);
    }

    /** RTC thread: a send connection now carries the local video, or stopped carrying it. */
    /** Returns whether that changed anything. */
    boolean videoLink(PeerLink link, boolean carries) {
        return carries ? videoLinks.add(link) : videoLinks.remove(link);
    }

    /** The cameras, test pattern first; never blocks (the list is kept current on the RTC thread). */
    java.util.List<dev.parley.engine.DeviceInfo> videoDevices() {
        startCameraPolling();
        java.util.List<dev.parley.engine.DeviceInfo> all = new java.util.ArrayList<>();
        all.add(new dev.parley.engine.DeviceInfo(dev.parley.engine.TestPattern.DEVICE_ID, "Test pattern"));
        all.addAll(cameras.known());
        return all;
    }

    /** Looks for cameras and microphones now, then every 2 s, reporting plugs and unplugs; from the first device use on. */
    private void startCameraPolling() {
        if (cameraPolling.compareAndSet(false, true)) {
            rtc.execute("list devices", this::pollDevices);
            engine.loop().scheduleWithFixedDelay(() -> rtc.execute("poll devices", this::pollDevices),
                    CAMERA_POLL_MILLIS, CAMERA_POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /** RTC thread: looks at cameras and microphones, reporting what came and went. */
    private void pollDevices() {
        pollCameras();
        audio.refresh();
    }

    /** Refreshes the camera list now; {@code done} runs on the callback executor afterwards. */
    void refreshDevices(dev.parley.engine.ResultCallback done) {
        startCameraPolling();
        rtc.execute("refresh devices", () -> {
            pollDevices();
            if (done != null) {
                engine.callbacks().run(() -> done.onResult(0));
            }
        });
    }

    /** RTC thread: reports cameras that came or went; losing the camera in use falls back to the pattern. */
    private void pollCameras() {
        factory(); // loads the native library
        for (CameraWatcher.Change change : cameras.poll()) {
            engine.callbacks().emit(h -> h.onVideoDeviceStateChanged(change.type(), change.device()));
            boolean inUse = change.device().deviceID().equals(videoDeviceId);
            if (change.type() == dev.parley.engine.UpdateType.DELETE && inUse) {
                int code = dev.parley.protocol.ErrorCode.DEVICE_UNPLUGGED.code();
                engine.callbacks().emit(h -> h.onDeviceError(code, change.device().deviceID()));
                useVideoDevice(dev.parley.engine.TestPattern.DEVICE_ID);
            }
        }
    }

    /** The microphones as last listed (see {@link #refreshDevices}); never blocks. */
    java.util.List<dev.parley.engine.DeviceInfo> audioDevices() {
        startCameraPolling();
        return audio.devices();
    }

    /** The screens an AUX stream can share, the primary first; empty without a display. */
    java.util.List<dev.parley.engine.DeviceInfo> screens() {
        return Screens.list();
    }

    /** Selects the screen to share; moves a running share, keeping every connection. */
    void useScreen(String screenId) {
        rtc.execute("use screen", () -> {
            if (!screen.use(screenId)) {
                int code = dev.parley.protocol.ErrorCode.DEVICE_NOT_FOUND.code();
                engine.callbacks().emit(h -> h.onDeviceError(code, screenId));
            }
        });
    }

    /** Selects the microphone; switches running audio on every connection. */
    void useAudioDevice(String deviceId) {
        rtc.execute("use audio device", () -> {
            if (!audio.knows(deviceId)) {
                int code = dev.parley.protocol.ErrorCode.DEVICE_NOT_FOUND.code();
                engine.callbacks().emit(h -> h.onDeviceError(code, deviceId));
                return;
            }
            audio.use(deviceId);
        });
    }

    /** Selects the video device; switches a running capture, keeping every connection. */
    void useVideoDevice(String deviceId) {
        rtc.execute("use video device", () -> {
            if (!dev.parley.engine.TestPattern.DEVICE_ID.equals(deviceId)) {
                pollCameras();
                if (!cameras.contains(deviceId)) {
                    int code = dev.parley.protocol.ErrorCode.DEVICE_NOT_FOUND.code();
                    engine.callbacks().emit(h -> h.onDeviceError(code, deviceId));
                    return;
                }
            }
            videoDeviceId = deviceId;
            if (video == null) {
                return;
            }
            LocalVideoSource old = video;
            video = openVideo(deviceId);
            VideoTrack track = video.track();
            track.setEnabled(videoOn());
            old.track().removeSink(capturedFirstFrame);
            track.addSink(capturedFirstFrame);
            if (previewSink != null) {
                old.track().removeSink(previewSink);
                track.addSink(previewSink);
            }
            for (PeerLink link : videoLinks) {
                link.replaceVideo(track);
            }
            old.dispose();
        });
    }

    Object audioLock() {
        return audio.lock();
    }

    /** RTC thread: the local audio track (the selected microphone), started on first use. */
    dev.onvoid.webrtc.media.audio.AudioTrack acquireAudio() {
        audio.enable(audioOn());
        return audio.acquire();
    }

    /** RTC thread: one user of the local audio let go; the last one stops it. */
    void releaseAudio() {
        audio.release();
    }

    /** RTC thread: a send connection carries the local audio, or stopped carrying it. */
    /** Returns whether that changed anything. */
    boolean audioLink(PeerLink link, boolean carries) {
        return audio.link(link, carries);
    }

    /** A send connection with audio starts negotiating: hold the test tone back until it settles. */
    void audioUnsettled(Object link) {
        audio.unsettled(link);
    }

    /** RTC thread: the connection's audio stream runs. */
    void audioSettled(Object link) {
        audio.settled(link);
    }

    /** The connection closed before it settled. */
    void audioAbandoned(Object link) {
        rtc.execute("abandon audio", () -> audio.abandoned(link));
    }

    /** Frames captured so far by the local video source, across restarts; safe from any thread. */
    long capturedFrames() {
        return capturedFrames.get();
    }

    /** RTC thread: one user of the local video let go; the last one stops it. */
    void releaseVideo() {
        if (videoUsers > 0 && --videoUsers == 0 && video != null) {
            video.track().removeSink(capturedFirstFrame);
            video.dispose();
            video = null;
        }
    }

    void startPreview(Canvas canvas) {
        rtc.execute("start preview", () -> {
            stopPreviewOnRtc();
            VideoTrack track = acquireVideo();
            previewSink = frame -> {
                try {
                    canvas.sink().onFrame(new NativeVideoFrame(frame));
                } finally {
                    frame.release();
                }
            };
            track.addSink(previewSink);
        });
    }

    void stopPreview() {
        rtc.execute("stop preview", this::stopPreviewOnRtc);
    }

    private void stopPreviewOnRtc() {
        if (previewSink != null && video != null) {
            video.track().removeSink(previewSink);
            previewSink = null;
            releaseVideo();
        }
    }

    /** Releases everything in the order webrtc-java needs, then stops the RTC thread; waits. */
    void dispose() {
        try {
            rtc.call(() -> {
                stopPreviewOnRtc();
                audio.dispose();
                if (video != null) {
                    video.track().removeSink(capturedFirstFrame);
                    video.dispose();
                    video = null;
                }
                screen.dispose();
                factory.dispose();
                return null;
            }, 10_000);
        } catch (Exception e) {
            LOG.warn("media dispose failed: {}", e.toString());
        }
        rtc.shutdown();
        try {
            rtc.awaitTermination(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
