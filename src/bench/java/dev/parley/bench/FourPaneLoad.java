package dev.parley.bench;

import dev.parley.app.video.FrameRenderer;
import dev.parley.app.video.RenderStats;
import dev.parley.engine.Canvas;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.VideoConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.testfx.util.WaitForAsyncUtils;

/** Four 720p30 streams drawn into four panes for a while: drops and FX-thread time. Main thread. */
final class FourPaneLoad {
    private static final int PANES = 4;

    private FourPaneLoad() {
    }

    /**
     * @param realCall true: four publishing engines and a playing engine in this process; false:
     *                 four threads pushing 720p30 test frames as decoders would, without codecs
     */
    static Map<String, Object> measure(int seconds, boolean realCall) throws Exception {
        SampleLog fx = new SampleLog();
        FxTimedExecutor executor = new FxTimedExecutor(fx, null);
        FrameRenderer[] renderers = new FrameRenderer[PANES];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long fxThreadId = WaitForAsyncUtils.asyncFx(() -> Thread.currentThread().getId()).get();
        try (BenchCall call = realCall ? BenchCall.start() : null;
             SyntheticDecoders decoders = realCall ? null : new SyntheticDecoders();
             BenchStage stage = BenchStage.show(PANES, 640, 360)) {
            for (int i = 0; i < PANES; i++) {
                renderers[i] = new FrameRenderer(executor);
                stage.attach(i, renderers[i]);
            }
            if (realCall) {
                for (int i = 0; i < PANES; i++) {
                    call.publisher("load", "sender" + i, "load-" + i, new VideoConfig(1280, 720, 30, 2500));
                }
                ParleyEngine player = call.player("load", "viewer");
                for (int i = 0; i < PANES; i++) {
                    player.startPlayingStream("load-" + i, new Canvas(renderers[i]));
                }
            } else {
                for (FrameRenderer renderer : renderers) {
                    decoders.start(renderer, 1280, 720, 30);
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && !allDrawing(renderers)) {
                RenderBenchmark.parkUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));
            }
            RenderBenchmark.parkUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(3));
            RenderStats[] before = snapshot(renderers);
            executor.queueDelays().clear();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long processCpuBefore = os.getProcessCpuTime();
            long fxCpuBefore = threads.getThreadCpuTime(fxThreadId);
            long renderThreadId = threadId("QuantumRenderer-0");
            long renderCpuBefore = threads.getThreadCpuTime(renderThreadId);
            long swapBusyBefore = executor.busyNanos();
            long start = System.nanoTime();
            RenderBenchmark.parkUntil(start + TimeUnit.SECONDS.toNanos(seconds));
            long wall = System.nanoTime() - start;
            RenderStats[] after = snapshot(renderers);
            long fxCpu = threads.getThreadCpuTime(fxThreadId) - fxCpuBefore;
            long renderCpu = threads.getThreadCpuTime(renderThreadId) - renderCpuBefore;
            double processShare = 100.0 * (os.getProcessCpuTime() - processCpuBefore) / wall;
            LatencySummary queueDelay = LatencySummary.ofNanos(executor.queueDelays().toArray());
            long swapBusy = executor.busyNanos() - swapBusyBefore;

            StringBuilder md = new StringBuilder("| pane | frames received | fps | drawn | dropped by the renderer |\n|---|---|---|---|---|\n");
            long droppedTotal = 0;
            Map<String, Object> result = new LinkedHashMap<>();
            for (int i = 0; i < PANES; i++) {
                long received = after[i].received() - before[i].received();
                long drawn = after[i].drawn() - before[i].drawn();
                long dropped = after[i].dropped() - before[i].dropped();
                droppedTotal += dropped;
                double fps = received * 1e9 / wall;
                md.append(String.format(Locale.ROOT, "| %d | %d | %.1f | %d | %d |%n", i + 1, received, fps, drawn, dropped));
                result.put("pane" + (i + 1), Map.of("received", received, "fps", Math.round(fps * 10) / 10.0,
                        "drawn", drawn, "dropped", dropped));
            }
            double swapShare = 100.0 * swapBusy / wall;
            double fxShare = 100.0 * fxCpu / wall;
            double renderShare = 100.0 * renderCpu / wall;
            md.append(String.format(Locale.ROOT, "%nFrames dropped by the renderer: %d. FX thread: swaps %.2f%% of wall time, "
                    + "all FX-thread CPU (swaps, layout, pulses) %.1f%%. JavaFX render thread (software pipeline): %.1f%%.%n",
                    droppedTotal, swapShare, fxShare, renderShare));
            result.put("renderThreadCpuPercent", Math.round(renderShare * 10) / 10.0);
            result.put("processCpuPercent", Math.round(processShare));
            result.put("fxQueueDelay", queueDelay.toMap());
            md.append(String.format(Locale.ROOT, "The whole process used %.0f%% CPU "
                    + "(%d cores = %d%%). Swaps waited in the FX queue p50 %.1f ms, p99 %.1f ms.%n", processShare,
                    Runtime.getRuntime().availableProcessors(), 100 * Runtime.getRuntime().availableProcessors(),
                    queueDelay.p50Ms(), queueDelay.p99Ms()));
            result.put("droppedTotal", droppedTotal);
            result.put("fxSwapBusyPercent", Math.round(swapShare * 100) / 100.0);
            result.put("fxThreadCpuPercent", Math.round(fxShare * 10) / 10.0);
            result.put("swapPerFrame", LatencySummary.ofNanos(fx.toArray()).toMap());
            result.put("markdown", md.toString());
            return result;
        }
    }

    private static long threadId(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name))
                .mapToLong(Thread::getId).findFirst().orElse(-1);
    }

    private static boolean allDrawing(FrameRenderer[] renderers) {
        for (FrameRenderer r : renderers) {
            if (r.stats().drawn() == 0) {
                return false;
            }
        }
        return true;
    }

    private static RenderStats[] snapshot(FrameRenderer[] renderers) {
        RenderStats[] stats = new RenderStats[renderers.length];
        for (int i = 0; i < renderers.length; i++) {
            stats[i] = renderers[i].stats();
        }
        return stats;
    }
}
