package dev.parley.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.parley.app.video.FrameRenderer;
import dev.parley.app.video.RenderStats;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javafx.application.Platform;

/**
 * The render path of the app, measured beside its raw baseline in the same run:
 * <ol>
 *   <li>cost per frame of {@link FrameRenderer} on the decode thread (conversion into the back
 *       buffer and posting the swap) and on the FX thread (the swap), at 720p30 and 1080p30,
 *       beside the bare {@code VideoBufferConverter} conversion into a reused buffer;</li>
 *   <li>glass-to-glass latency at 720p in a real call: from the frame counter's send time at the
 *       publisher to the pixels in the {@code WritableImage}, beside the age at the decoder;</li>
 *   <li>load: four 720p30 remote panes, frames dropped by the renderer and FX-thread busy time.</li>
 * </ol>
 * Runs JavaFX headless (Monocle, software pipeline) and the calls in whatever network the JVM
 * has; run it through {@code scripts/netns/bin/java} on Linux. Writes
 * {@code target/bench/render.md} and {@code render.json}.
 */
public final class RenderBenchmark {
    private static final int WARMUP_FRAMES = 60;
    private static final int MEASURED_FRAMES = 450;

    private RenderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int loadSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int latencySeconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path out = Path.of(System.getProperty("bench.out", "target/bench"));
        Files.createDirectories(out);
        startFxHeadless();

        Map<String, Object> json = new LinkedHashMap<>();
        StringBuilder md = new StringBuilder("# Render path\n\n")
                .append("Command: `").append(BenchPart.RENDER.command()).append("`. ")
                .append("JavaFX headless (Monocle, software pipeline), ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores.\n\n## Cost per frame\n\n")
                .append(MEASURED_FRAMES).append(" frames pushed at 30 fps after ").append(WARMUP_FRAMES)
                .append(" warm-up frames. Baseline: the bare `VideoBufferConverter.convertFromI420` into a reused direct ")
                .append("buffer, timed on the same frames just before each push.\n\n")
                .append("| stream | bare conversion p50 / p99 / mean ms | decode thread p50 / p99 / mean ms | ratio (mean) ")
                .append("| FX thread p50 / p99 / mean ms | dropped |\n|---|---|---|---|---|---|\n");
        for (int[] size : new int[][] {{1280, 720}, {1920, 1080}}) {
            Map<String, Object> cost = RenderCost.measure(size[0], size[1], WARMUP_FRAMES, MEASURED_FRAMES);
            json.put("cost" + size[1] + "p", cost);
            md.append(String.format(Locale.ROOT, "| %dx%d | %s | %s | %.2f | %s | %s |%n", size[0], size[1],
                    triple(cost.get("bare")), triple(cost.get("decodeThread")), (double) cost.get("ratioMean"),
                    triple(cost.get("fxThread")), cost.get("dropped")));
        }

        Map<String, Object> latency = GlassToGlass.measure(latencySeconds);
        json.put("glassToGlass720p", latency);
        md.append("\n## Glass-to-glass latency, 720p\n\n").append(latencySeconds)
                .append(" s of a real call (two engines, VP8 over the test network). The test pattern carries the ")
                .append("publisher's send time; the age is read from the pixels of the `WritableImage` right after each ")
                .append("swap on the FX thread, and, as the baseline, from the decoded frame on the decode thread.\n\n")
                .append("| measured at | frames | p50 ms | p99 ms |\n|---|---|---|---|\n")
                .append(latencyRow("decoded frame (baseline)", latency.get("decoded")))
                .append(latencyRow("pixels in the WritableImage", latency.get("visible")));

        Map<String, Object> synthetic = FourPaneLoad.measure(loadSeconds, false);
        json.put("load4x720pRenderer", synthetic);
        md.append("\n## Load: four 720p30 remote panes\n\n### The renderer alone\n\n").append(loadSeconds)
                .append(" s, four threads pushing 1280x720 test frames at 30 fps into four panes, as four decoders would, ")
                .append("without codec cost.\n\n").append(synthetic.remove("markdown"));
        Map<String, Object> load = FourPaneLoad.measure(loadSeconds, true);
        json.put("load4x720pCall", load);
        md.append("\n### In a real call on this machine\n\n").append(loadSeconds)
                .append(" s, four publishing engines (1280x720, 30 fps) and one playing engine in this one process, ")
                .append("so four VP8 encoders and four decoders share the cores with the UI.\n\n").append(load.remove("markdown"));

        Files.writeString(out.resolve("render.md"), md.toString());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("render.json").toFile(), json);
        System.out.println(md);
        System.exit(0); // webrtc-java's native threads are not daemons
    }

    private static String triple(Object summary) {
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) summary;
        return String.format(Locale.ROOT, "%.3f / %.3f / %.3f", (double) s.get("p50Ms"), (double) s.get("p99Ms"),
                (double) s.get("meanMs"));
    }

    private static String latencyRow(String what, Object summary) {
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) summary;
        return String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f |%n", what, s.get("count"), (double) s.get("p50Ms"),
                (double) s.get("p99Ms"));
    }

    static void startFxHeadless() throws InterruptedException {
        if (!"false".equals(System.getProperty("bench.headless"))) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
        }
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await(10, TimeUnit.SECONDS);
        Platform.setImplicitExit(false);
    }

    /** Sleeps until {@code deadline} (System.nanoTime), for pacing pushes. */
    static void parkUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    static void drain(FrameRenderer renderer) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        RenderStats before;
        do {
            before = renderer.stats();
            parkUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50));
        } while (!before.equals(renderer.stats()) || System.nanoTime() < until);
    }

    static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(bytes);
    }
}
