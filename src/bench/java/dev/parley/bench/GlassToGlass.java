package dev.parley.bench;

import dev.parley.app.video.FrameRenderer;
import dev.parley.engine.Canvas;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.TestPattern;
import dev.parley.engine.VideoConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;

/** Send-to-pixels latency of a real 720p call, beside send-to-decode. Main thread. */
final class GlassToGlass {
    private GlassToGlass() {
    }

    static Map<String, Object> measure(int seconds) throws Exception {
        SampleLog decoded = new SampleLog();
        SampleLog visible = new SampleLog();
        SampleLog fx = new SampleLog();
        FrameRenderer[] holder = new FrameRenderer[1];
        long[] lastCounter = {-1};
        FrameRenderer renderer = new FrameRenderer(new FxTimedExecutor(fx, () -> {
            Image image = holder[0].imageProperty().get();
            if (image == null) {
                return;
            }
            PixelReader pixels = image.getPixelReader();
            TestPattern.Marks marks = TestPattern.read((int) image.getWidth(), (x, y) -> (pixels.getArgb(x, y) >> 8) & 0xFF);
            if (marks != null && marks.frameCounter() != lastCounter[0]) {
                lastCounter[0] = marks.frameCounter();
                visible.add(TimeUnit.MILLISECONDS.toNanos(marks.ageMillis(System.currentTimeMillis())));
            }
        }));
        holder[0] = renderer;
        try (BenchCall call = BenchCall.start(); BenchStage stage = BenchStage.show(1, 1280, 720)) {
            stage.attach(0, renderer);
            call.publisher("g2g", "sender", "g2g-720p", new VideoConfig(1280, 720, 30, 2500));
            ParleyEngine player = call.player("g2g", "viewer");
            player.startPlayingStream("g2g-720p", new Canvas(frame -> {
                TestPattern.Marks marks = TestPattern.read(frame);
                if (marks != null) {
                    decoded.add(TimeUnit.MILLISECONDS.toNanos(marks.ageMillis(System.currentTimeMillis())));
                }
                renderer.onFrame(frame);
            }));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (renderer.stats().drawn() == 0 && System.nanoTime() < deadline) {
                RenderBenchmark.parkUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50));
            }
            RenderBenchmark.parkUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(3));
            decoded.clear();
            visible.clear();
            RenderBenchmark.parkUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds));
            decoded.recording(false);
            visible.recording(false);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("decoded", LatencySummary.ofNanos(decoded.toArray()).toMap());
            result.put("visible", LatencySummary.ofNanos(visible.toArray()).toMap());
            result.put("rendererDropped", renderer.stats().dropped());
            return result;
        }
    }
}
