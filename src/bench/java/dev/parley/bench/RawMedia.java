package dev.parley.bench;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import dev.parley.engine.TestPattern;
import dev.parley.engine.VideoConfig;
import dev.parley.testing.PatternPusher;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The raw baseline: bare webrtc-java with no Parley code. One headless audio device module and
 * one factory, the test pattern pushed into a {@link CustomVideoSource}, and for each play a new
 * {@link RawPair} whose receiver hands B's frames to a sink that reads the pattern and releases them.
 *
 * <p>Every webrtc-java call runs on one thread this object owns; its methods are called from the
 * benchmark's main thread and wait for that thread. {@link #close()} tears down in the order
 * webrtc-java needs: pusher, connections, track, source, factory, audio module.
 */
final class RawMedia implements MediaSubject {
    private final ExecutorService rtc = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "raw-rtc");
        t.setDaemon(true);
        return t;
    });
    private final VideoConfig config;
    private HeadlessAudioDeviceModule audioModule;
    private PeerConnectionFactory factory;
    private CustomVideoSource source;
    private VideoTrack track;
    private PatternPusher pusher;
    private RawPair pair;

    private RawMedia(VideoConfig config) {
        this.config = config;
    }

    /** Creates the factory and starts the pattern at the config's size and rate. */
    static RawMedia open(VideoConfig config) throws Exception {
        RawMedia media = new RawMedia(config);
        media.call(() -> {
            media.audioModule = new HeadlessAudioDeviceModule();
            media.factory = new PeerConnectionFactory(media.audioModule);
            media.source = new CustomVideoSource();
            media.track = media.factory.createVideoTrack("raw-video", media.source);
            media.pusher = new PatternPusher(media.source, config.width(), config.height(), config.fps());
            return null;
        });
        return media;
    }

    @Override
    public ArrivalLog play() {
        ArrivalLog log = new ArrivalLog();
        VideoTrackSink sink = frame -> {
            try {
                I420Buffer i420 = frame.buffer.toI420();
                log.arrived(TestPattern.read(i420.getDataY(), i420.getStrideY(), i420.getWidth()));
            } finally {
                frame.release();
            }
        };
        rtc.execute(() -> pair = new RawPair(factory, rtc, track, config.bitrateKbps(), sink));
        return log;
    }

    @Override
    public void stop() throws Exception {
        call(() -> {
            if (pair != null) {
                pair.close();
                pair = null;
            }
            return null;
        });
    }

    @Override
    public void close() throws Exception {
        if (pusher != null) {
            pusher.stop();
        }
        stop();
        call(() -> {
            dispose("track", track::dispose);
            dispose("source", source::dispose);
            dispose("factory", factory::dispose);
            dispose("audio module", audioModule::dispose);
            return null;
        });
        rtc.shutdown();
    }

    private static void dispose(String what, Runnable dispose) {
        try {
            dispose.run();
        } catch (RuntimeException | Error e) {
            System.err.println("raw baseline: " + what + " dispose: " + e);
        }
    }

    private <T> T call(Callable<T> task) throws Exception {
        try {
            return rtc.submit(task).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }
}
