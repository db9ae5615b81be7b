package dev.parley.bench;

import dev.parley.app.DevApp;
import dev.parley.engine.Canvas;
import dev.parley.engine.EngineProfile;
import dev.parley.engine.EventHandler;
import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PublisherState;
import dev.parley.engine.User;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Creates two engines, makes a real call (publish, play, frames), and destroys both, N times in
 * one JVM; records OS threads and resident memory after each cycle, to show what a long-running
 * process keeps. The baseline is the same cycle without media (login and logout only).
 *
 * <p>Needs a non-loopback interface: run it through {@code scripts/netns/bin/java} (see README).
 * Writes {@code target/bench/engine-cycles.md}.
 */
public final class EngineCycleBenchmark {
    private EngineCycleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path out = Path.of(System.getProperty("bench.out", "target/bench"));
        Files.createDirectories(out);
        try (ParleyServer server = ParleyServer.start(ServerConfig.builder().port(0).app(DevApp.credentials()).build())) {
            List<long[]> withoutMedia = run(server, cycles, false);
            List<long[]> withMedia = run(server, cycles, true);
            StringBuilder md = new StringBuilder("# Engine create, call, destroy cycles\n\n")
                    .append("Cycles: ").append(cycles).append(". Command: `scripts/netns/bin/java -cp ... ")
                    .append("dev.parley.bench.EngineCycleBenchmark ").append(cycles).append("`\n\n")
                    .append("| cycle | threads, login only | RSS MiB, login only | threads, with a call | RSS MiB, with a call |\n")
                    .append("|---|---|---|---|---|\n");
            for (int i = 0; i < cycles; i++) {
                if (i < 3 || i % 10 == 9 || i == cycles - 1) {
                    md.append("| ").append(i + 1).append(" | ").append(withoutMedia.get(i)[0]).append(" | ")
                            .append(withoutMedia.get(i)[1] / 1024).append(" | ").append(withMedia.get(i)[0]).append(" | ")
                            .append(withMedia.get(i)[1] / 1024).append(" |\n");
                }
            }
            Files.writeString(out.resolve("engine-cycles.md"), md.toString());
            System.out.println(md);
        }
        System.exit(0); // webrtc-java's leaked native threads are not daemons
    }

    private static List<long[]> run(ParleyServer server, int cycles, boolean media) throws Exception {
        List<long[]> samples = new ArrayList<>();
        for (int i = 0; i < cycles; i++) {
            ParleyEngine a = engine(server);
            ParleyEngine b = engine(server);
            a.loginRoom("cycle", new User("a"));
            b.loginRoom("cycle", new User("b"));
            if (media) {
                CountDownLatch publishing = new CountDownLatch(1);
                a.setEventHandler(new EventHandler() {
                    @Override
                    public void onPublisherStateUpdate(String streamID, PublisherState state, int errorCode, String data) {
                        if (state == PublisherState.PUBLISHING) {
                            publishing.countDown();
                        }
                    }
                });
                a.startPublishingStream("a-cam");
                publishing.await(10, TimeUnit.SECONDS);
                FrameCounterSink sink = new FrameCounterSink();
                b.startPlayingStream("a-cam", new Canvas(sink));
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (sink.frames() < 10 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                if (sink.frames() < 10) {
                    throw new IllegalStateException("no frames in cycle " + (i + 1));
                }
            }
            destroy(a);
            destroy(b);
            System.gc();
            samples.add(new long[] {osThreads(), rssKib()});
        }
        return samples;
    }

    private static ParleyEngine engine(ParleyServer server) {
        return ParleyEngine.createEngine(EngineProfile.builder(DevApp.APP_ID, server.url()).appSign(DevApp.APP_SIGN).build(),
                new EventHandler() { });
    }

    private static void destroy(ParleyEngine engine) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        engine.destroyEngine(done::countDown);
        done.await(10, TimeUnit.SECONDS);
    }

    private static long osThreads() throws IOException {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.count();
        }
    }

    private static long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
