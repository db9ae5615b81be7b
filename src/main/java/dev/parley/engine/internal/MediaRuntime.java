package dev.parley.engine.internal;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import dev.parley.engine.Canvas;
import dev.parley.engine.VideoConfig;
import dev.parley.protocol.PublishChannel;
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
    private final MediaFactory factory = new MediaFactory();
    private volatile VideoConfig videoConfig;
    private TestPatternSource pattern;
    private int videoUsers;
    private VideoTrackSink previewSink;
    private VideoTrackSink capturedFirstFrame;
    private final java.util.concurrent.atomic.AtomicLong capturedFrames = new java.util.concurrent.atomic.AtomicLong();
    /** Held while pushing audio and while a connection adds or removes its audio sender. */
    private final Object audioLock = new Object();
    /** Send connections whose audio stream has not settled; audio is held back while any exists. */
    private final java.util.Set<Object> unsettledAudio = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private ToneSource tone;
    private int audioUsers;
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
        boolean video = videoOn();
        boolean audio = audioOn();
        rtc.execute("apply mute", () -> {
            if (pattern != null) {
                pattern.track().setEnabled(video);
            }
            if (tone != null) {
                tone.track().setEnabled(audio);
            }
        });
    }

    MediaRuntime(EngineContext engine, int engineNumber, VideoConfig videoConfig) {
        this.engine = engine;
        this.engineNumber = engineNumber;
        this.rtc = new RtcThread(engineNumber);
        this.videoConfig = videoConfig;
    }

    RtcThread rtc() {
        return rtc;
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

    /** RTC thread: the local video track, started on first use. */
    VideoTrack acquireVideo() {
        if (pattern == null) {
            VideoConfig c = videoConfig;
            pattern = new TestPatternSource(factory(), "video-" + engineNumber, c.width(), c.height(), c.fps(), engineNumber);
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
            pattern.track().addSink(capturedFirstFrame);
            pattern.track().setEnabled(videoOn());
            LOG.info("test pattern source started at {}x{} {} fps", c.width(), c.height(), c.fps());
        }
        videoUsers++;
        return pattern.track();
    }

    Object audioLock() {
        return audioLock;
    }

    /** RTC thread: the local audio track, started on first use. */
    dev.onvoid.webrtc.media.audio.AudioTrack acquireAudio() {
        if (tone == null) {
            tone = new ToneSource(factory(), "audio-" + engineNumber, audioLock, unsettledAudio::isEmpty, engineNumber);
            tone.track().setEnabled(audioOn());
        }
        audioUsers++;
        return tone.track();
    }

    /** RTC thread: one user of the local audio let go; the last one stops it. */
    void releaseAudio() {
        if (audioUsers > 0 && --audioUsers == 0 && tone != null) {
            tone.dispose();
            tone = null;
        }
    }

    /** A send connection with audio starts negotiating: hold audio back until it settles. */
    void audioUnsettled(Object link) {
        unsettledAudio.add(link);
    }

    /** RTC thread: the connection's audio stream runs; stop the device capture it started, then let audio flow. */
    void audioSettled(Object link) {
        if (unsettledAudio.contains(link)) {
            factory.stopDeviceRecording();
            unsettledAudio.remove(link);
        }
    }

    /** The connection closed before it settled. */
    void audioAbandoned(Object link) {
        unsettledAudio.remove(link);
    }

    /** Frames captured so far by the local video source, across restarts; safe from any thread. */
    long capturedFrames() {
        return capturedFrames.get();
    }

    /** RTC thread: one user of the local video let go; the last one stops it. */
    void releaseVideo() {
        if (videoUsers > 0 && --videoUsers == 0 && pattern != null) {
            pattern.track().removeSink(capturedFirstFrame);
            pattern.dispose();
            pattern = null;
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
        if (previewSink != null && pattern != null) {
            pattern.track().removeSink(previewSink);
            previewSink = null;
            releaseVideo();
        }
    }

    /** Releases everything in the order webrtc-java needs, then stops the RTC thread; waits. */
    void dispose() {
        try {
            rtc.call(() -> {
                stopPreviewOnRtc();
                if (tone != null) {
                    tone.dispose();
                    tone = null;
                }
                if (pattern != null) {
                    pattern.track().removeSink(capturedFirstFrame);
                    pattern.dispose();
                    pattern = null;
                }
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
