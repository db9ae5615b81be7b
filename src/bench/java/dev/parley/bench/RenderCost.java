package dev.parley.bench;

import dev.parley.app.video.FrameRenderer;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Cost per frame of the renderer on both threads beside the bare conversion. Main thread. */
final class RenderCost {
    private RenderCost() {
    }

    static Map<String, Object> measure(int width, int height, int warmup, int frames) throws Exception {
        I420TestFrame frame = new I420TestFrame(width, height);
        ByteBuffer bare = RenderBenchmark.direct(width * height * 4);
        SampleLog bareSamples = new SampleLog();
        SampleLog decodeSamples = new SampleLog();
        SampleLog fxSamples = new SampleLog();
        FrameRenderer renderer = new FrameRenderer(new FxTimedExecutor(fxSamples, null));
        try (BenchStage stage = BenchStage.show(1, 960, 540)) {
            stage.attach(0, renderer);
            long period = TimeUnit.SECONDS.toNanos(1) / 30;
            long next = System.nanoTime();
            long droppedAtStart = 0;
            for (int i = 0; i < warmup + frames; i++) {
                if (i == warmup) {
                    RenderBenchmark.drain(renderer);
                    bareSamples.clear();
                    decodeSamples.clear();
                    fxSamples.clear();
                    droppedAtStart = renderer.stats().dropped();
                }
                frame.paint(i);
                long t0 = System.nanoTime();
                frame.convertBare(bare);
                long t1 = System.nanoTime();
                long droppedBefore = renderer.stats().dropped();
                renderer.onFrame(frame);
                long t2 = System.nanoTime();
                bareSamples.add(t1 - t0);
                if (renderer.stats().dropped() == droppedBefore) {
                    decodeSamples.add(t2 - t1);
                }
                next += period;
                RenderBenchmark.parkUntil(next);
            }
            RenderBenchmark.drain(renderer);
            Map<String, Object> result = new LinkedHashMap<>();
            LatencySummary bareSummary = LatencySummary.ofNanos(bareSamples.toArray());
            LatencySummary decodeSummary = LatencySummary.ofNanos(decodeSamples.toArray());
            result.put("width", width);
            result.put("height", height);
            result.put("bare", bareSummary.toMap());
            result.put("decodeThread", decodeSummary.toMap());
            result.put("ratioMean", Math.round(decodeSummary.meanMs() / bareSummary.meanMs() * 100) / 100.0);
            result.put("fxThread", LatencySummary.ofNanos(fxSamples.toArray()).toMap());
            result.put("dropped", renderer.stats().dropped() - droppedAtStart);
            return result;
        } finally {
            frame.dispose();
        }
    }
}
