package dev.parley.bench;

import dev.parley.engine.TestPattern;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What reached the receiver's sink during one play: when the first frame came, relative to the
 * moment the log was made (just before the play was asked for), and the age of every frame, read
 * from the send time the test pattern carries in its pixels.
 *
 * <p>Thread-safe: the sink's thread calls {@link #arrived}, the benchmark's thread reads. One per play.
 */
final class ArrivalLog {
    private final long startNanos = System.nanoTime();
    private final CountDownLatch first = new CountDownLatch(1);
    private final SampleLog ages = new SampleLog();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private volatile long firstNanos;

    /** A frame reached the sink; {@code marks} is null when its pattern could not be read. */
    void arrived(TestPattern.Marks marks) {
        if (first.getCount() > 0) {
            firstNanos = System.nanoTime();
            first.countDown();
        }
        frames.incrementAndGet();
        if (marks == null) {
            unreadable.incrementAndGet();
        } else {
            ages.add(TimeUnit.MILLISECONDS.toNanos(marks.ageMillis(System.currentTimeMillis())));
        }
    }

    /** Nanoseconds from the log's creation to the first frame, or -1 if none came within the timeout. */
    long awaitFirstFrame(long timeoutMillis) throws InterruptedException {
        return first.await(timeoutMillis, TimeUnit.MILLISECONDS) ? firstNanos - startNanos : -1;
    }

    /** Forgets the ages and counts so far: the measured window starts now. */
    void restart() {
        ages.clear();
        frames.set(0);
        unreadable.set(0);
    }

    long[] ages() {
        return ages.toArray();
    }

    long frames() {
        return frames.get();
    }

    long unreadable() {
        return unreadable.get();
    }
}
