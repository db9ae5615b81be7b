package dev.parley.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.ParleyEngine;
import dev.parley.testing.Engines;
import dev.parley.testing.EventRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fifty times in one JVM: two engines log in, one publishes, the other plays frames, both are
 * destroyed. Every closed peer connection is freed, so neither Java nor native (OS) threads grow;
 * before the connections were released, each such cycle left four native threads behind.
 */
class EngineCycleTest {
    private static final int CYCLES = 50;
    /** Lazily started JVM threads (JIT compilers, GC workers) come and go by a few. */
    private static final int THREAD_NOISE = 6;

    @RegisterExtension
    final MediaRoom room = new MediaRoom();

    @Test
    void fiftyCallsLeaveNoThreadsBehind() {
        Set<String> engineThreadsBefore = Engines.threadNames();
        long settledThreads = 0;
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            call(cycle);
            if (cycle == 3) {
                settledThreads = osThreads();
            }
        }
        long baseline = settledThreads;
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            long now = osThreads();
            assertTrue(now <= baseline + THREAD_NOISE,
                    "OS threads after " + CYCLES + " calls: " + now + ", after 3 calls: " + baseline);
        });
        Awaitility.await().atMost(Duration.ofSeconds(3)).alias("engine threads gone")
                .until(() -> engineThreadsBefore.containsAll(Engines.threadNames()));
    }

    private void call(int cycle) {
        EventRecorder pub = new EventRecorder();
        EventRecorder play = new EventRecorder();
        FrameCounterSink sink = new FrameCounterSink();
        ParleyEngine publisher = null;
        ParleyEngine player = null;
        try {
            publisher = room.publisher(pub, "cycles", "pub", "cam", e -> { });
            player = room.player(play, "cycles", "play", "cam", sink);
            Awaitility.await().atMost(Duration.ofSeconds(15)).alias("frames in call " + cycle)
                    .until(() -> sink.frames() >= 3);
            assertEquals(640, sink.width(), "frame width in call " + cycle);
            assertTrue(sink.lastMarks() != null && sink.lastMarks().frameCounter() > 0, "pattern counter in call " + cycle);
        } finally {
            room.destroy(publisher, player);
        }
    }

    private static long osThreads() {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
