package dev.parley.bench;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import dev.parley.engine.Canvas;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.TestPattern;
import dev.parley.engine.VideoConfig;
import dev.parley.testing.PatternPusher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Where a latency gap between Parley and bare webrtc-java comes from: several variants of one call
 * measured in turn, round after round in one JVM so that they share the machine's load, each
 * with per-frame timings ({@link FrameTimings}). Variants: {@code parley} (as the media benchmark),
 * {@code raw} (the media benchmark's baseline), {@code raw-2f} (sender and receiver on factories
 * and audio modules of their own, as two engines are), {@code raw-2f-av} (that, plus a tone in the
 * video's media stream, so the receiver syncs the video to it), {@code raw-2f-a} (the tone in a
 * media stream of its own), {@code raw-stats} (the baseline with B's full stats read every
 * 500 ms, as a player's engine reads them), {@code parley-noplay} and {@code raw-2f-a-noplay}
 * (those with the audio modules' playout stopped once frames flow, so nothing decodes the
 * received audio).
 *
 * Each window also prints WebRTC's own per-frame counters ({@link PeerConnectionStats}), and each
 * variant once the media streams of its remote descriptions (which streams the receiver syncs).
 *
 * <p>{@code LatencyProbe WIDTHxHEIGHT@KBPS ROUNDS SECONDS VARIANT...}, 4 s of warm-up before each
 * window; run through {@code scripts/netns/bin/java}. Prints one line per measurement and a
 * summary. Main thread.
 */
public final class LatencyProbe {
    private LatencyProbe() {
    }

    interface Subject extends AutoCloseable {
        FrameTimings start() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String[] size = args[0].split("[x@]");
        VideoConfig config = new VideoConfig(Integer.parseInt(size[0]), Integer.parseInt(size[1]), 30,
                Integer.parseInt(size[2]));
        int rounds = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        List<String> variants = List.of(args).subList(3, args.length);
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (String variant : variants) {
                double[] r = measure(variant, config, seconds);
                results.computeIfAbsent(variant, k -> new ArrayList<>()).add(r);
                System.out.printf(Locale.ROOT, "probe round %d %-12s age p50 %5.1f p90 %5.1f | planned %5.1f late %5.1f | load %.2f%n",
                        round, variant, r[0], r[1], r[2], r[3], r[4]);
            }
        }
        System.out.println("probe summary (median over rounds of each round's p50, ms):");
        for (var e : results.entrySet()) {
            System.out.printf(Locale.ROOT, "probe   %-12s age %5.1f planned %5.1f late %5.1f%n", e.getKey(),
                    medianOf(e.getValue(), 0), medianOf(e.getValue(), 2), medianOf(e.getValue(), 3));
        }
        System.exit(0);
    }

    private static double medianOf(List<double[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v[(v.length - 1) / 2];
    }

    /** Variants whose remote descriptions were printed already (once each). */
    private static final java.util.Set<String> DESCRIBED = new java.util.HashSet<>();

    private static double[] measure(String variant, VideoConfig config, int seconds) throws Exception {
        try (Subject subject = open(variant, config)) {
            FrameTimings timings = subject.start();
            RenderBenchmark.parkUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(4));
            PeerConnectionStats stats = PeerConnectionStats.of(subject);
            if (DESCRIBED.add(variant)) {
                System.out.println("probe sdp " + variant + " " + stats.remoteStreams());
            }
            timings.restart();
            stats.startWindow();
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = os.getProcessCpuTime();
            long wallStart = System.nanoTime();
            RenderBenchmark.parkUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds));
            double cpu = (os.getProcessCpuTime() - cpuStart) / (double) (System.nanoTime() - wallStart);
            LatencySummary ages = timings.ages();
            double load = os.getSystemLoadAverage();
            System.out.printf(Locale.ROOT, "probe stats %-12s %d connections, cpu %.2f: %s%n", variant,
                    stats.connectionCount(), cpu, stats.endWindow());
            return new double[] {ages.p50Ms(), ages.p90Ms(), timings.plannedP50Ms(), timings.lateP50Ms(), load};
        }
    }

    private static Subject open(String variant, VideoConfig config) throws Exception {
        return switch (variant) {
            case "parley" -> parley(config);
            case "raw" -> new RawVariant(config, false, null);
            case "raw-2f" -> new RawVariant(config, true, null);
            case "raw-2f-av" -> new RawVariant(config, true, "raw");
            case "raw-2f-a" -> new RawVariant(config, true, "raw-audio");
            case "raw-stats" -> new RawVariant(config, false, null).readingStats();
            case "parley-noplay" -> withoutPlayout(parley(config));
            case "raw-2f-a-noplay" -> withoutPlayout(new RawVariant(config, true, "raw-audio"));
            default -> throw new IllegalArgumentException(variant);
        };
    }

    /** Stops the audio modules' playout once frames flow: nothing decodes the received audio. */
    private static Subject withoutPlayout(Subject subject) {
        return new Subject() {
            @Override
            public FrameTimings start() throws Exception {
                FrameTimings timings = subject.start();
                RenderBenchmark.parkUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
                for (var module : PeerConnectionStats.reachable(dev.onvoid.webrtc.media.audio.AudioDeviceModuleBase.class, subject)) {
                    module.stopPlayout();
                }
                return timings;
            }

            @Override
            public void close() throws Exception {
                subject.close();
            }
        };
    }

    private static Subject parley(VideoConfig config) throws Exception {
        BenchCall call = BenchCall.start();
        call.publisher("probe", "a", "a-main", config);
        ParleyEngine player = call.player("probe", "b");
        return new Subject() {
            @Override
            public FrameTimings start() {
                FrameTimings timings = new FrameTimings();
                player.startPlayingStream("a-main", new Canvas(frame -> timings.arrived(TestPattern.read(frame),
                        frame.timestampNs())));
                return timings;
            }

            @Override
            public void close() throws Exception {
                call.close();
            }
        };
    }

    /** Bare webrtc-java with the choices above; every webrtc-java call on one thread. */
    private static final class RawVariant implements Subject {
        private final ExecutorService rtc = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "probe-rtc");
            t.setDaemon(true);
            return t;
        });
        private final ScheduledExecutorService tone = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "probe-tone");
            t.setDaemon(true);
            return t;
        });
        private final VideoConfig config;
        private final boolean twoFactories;
        private final String audioStreamId;
        private HeadlessAudioDeviceModule senderModule;
        private HeadlessAudioDeviceModule receiverModule;
        private PeerConnectionFactory senderFactory;
        private PeerConnectionFactory receiverFactory;
        private CustomVideoSource source;
        private VideoTrack track;
        private CustomAudioSource audioSource;
        private AudioTrack audioTrack;
        private PatternPusher pusher;
        private RawPair pair;
        private volatile boolean tonePushing;
        private final Object toneLock = new Object();

        RawVariant(VideoConfig config, boolean twoFactories, String audioStreamId) throws Exception {
            this.config = config;
            this.twoFactories = twoFactories;
            this.audioStreamId = audioStreamId;
            call(() -> {
                senderModule = new HeadlessAudioDeviceModule();
                senderFactory = new PeerConnectionFactory(senderModule);
                if (twoFactories) {
                    receiverModule = new HeadlessAudioDeviceModule();
                    receiverFactory = new PeerConnectionFactory(receiverModule);
                } else {
                    receiverFactory = senderFactory;
                }
                source = new CustomVideoSource();
                track = senderFactory.createVideoTrack("probe-video", source);
                pusher = new PatternPusher(source, config.width(), config.height(), config.fps());
                if (audioStreamId != null) {
                    audioSource = new CustomAudioSource();
                    audioTrack = senderFactory.createAudioTrack("probe-audio", audioSource);
                }
                return null;
            });
            if (audioStreamId != null) {
                byte[] pcm = new byte[960];
                long[] sample = {0};
                tone.scheduleAtFixedRate(() -> {
                    if (!tonePushing) {
                        return;
                    }
                    for (int i = 0; i < 480; i++, sample[0]++) {
                        short s = (short) (6000 * Math.sin(2 * Math.PI * 440 * sample[0] / 48_000));
                        pcm[2 * i] = (byte) s;
                        pcm[2 * i + 1] = (byte) (s >> 8);
                    }
                    synchronized (toneLock) {
                        audioSource.pushAudio(pcm, 16, 48_000, 1, 480);
                    }
                }, 10, 10, TimeUnit.MILLISECONDS);
            }
        }

        /** B's full stats read every 500 ms on the RTC thread, as a player's engine reads them. */
        RawVariant readingStats() {
            tone.scheduleAtFixedRate(() -> rtc.execute(() -> {
                if (pair != null && pair.receiverConnection() != null) {
                    pair.receiverConnection().getStats(report -> { });
                }
            }), 500, 500, TimeUnit.MILLISECONDS);
            return this;
        }

        @Override
        public FrameTimings start() {
            FrameTimings timings = new FrameTimings();
            VideoTrackSink sink = frame -> {
                try {
                    I420Buffer i420 = frame.buffer.toI420();
                    timings.arrived(TestPattern.read(i420.getDataY(), i420.getStrideY(), i420.getWidth()), frame.timestampNs);
                } finally {
                    frame.release();
                }
            };
            rtc.execute(() -> pair = new RawPair(senderFactory, receiverFactory, rtc, track, audioTrack, audioStreamId,
                    config.bitrateKbps(), sink, () -> {
                        if (audioTrack != null) {
                            // the audio send stream restarted the module's recording: stop it, then push the tone
                            rtc.submit(() -> {
                                sleep(300);
                                senderModule.stopRecording();
                                tonePushing = true;
                            });
                        }
                    }));
            return timings;
        }

        @Override
        public void close() throws Exception {
            tonePushing = false;
            tone.shutdownNow();
            tone.awaitTermination(2, TimeUnit.SECONDS);
            pusher.stop();
            call(() -> {
                if (pair != null) {
                    pair.close();
                }
                track.dispose();
                source.dispose();
                if (audioTrack != null) {
                    audioTrack.dispose();
                    audioSource.dispose();
                }
                senderFactory.dispose();
                if (twoFactories) {
                    receiverFactory.dispose();
                    receiverModule.dispose();
                }
                senderModule.dispose();
                return null;
            });
            rtc.shutdown();
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private <T> T call(Callable<T> task) throws Exception {
            return rtc.submit(task).get(20, TimeUnit.SECONDS);
        }
    }
}
