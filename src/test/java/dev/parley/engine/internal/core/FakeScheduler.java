package dev.parley.engine.internal.core;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * An engine loop in fake time for unit tests: tasks run on the test thread, and time moves only
 * when {@link #advance} is called, running every timer that falls due on the way in order, each at
 * its own instant. Its confinement is the thread that created it.
 *
 * <p>Meant for one test thread; the timer methods may also be called from others.
 */
public final class FakeScheduler implements Scheduler {
    private static final long START_NANOS = 1_000_000_000L;
    private static final long START_WALL_MILLIS = 1_800_000_000_000L;

    private record Task(long dueNanos, long order, Runnable run, long periodNanos, boolean[] cancelled) {
    }

    private final Confinement confinement = new Confinement("the test thread").bind(Thread.currentThread());
    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.dueNanos != b.dueNanos
            ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.order, b.order));
    private long now = START_NANOS;
    private long order;

    @Override
    public synchronized void execute(Runnable task) {
        add(now, task, 0, new boolean[1]);
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delayMillis) {
        boolean[] cancelled = new boolean[1];
        add(now + delayMillis * 1_000_000, task, 0, cancelled);
        return () -> cancel(cancelled);
    }

    @Override
    public synchronized Cancellable scheduleWithFixedDelay(Runnable task, long initialDelayMillis, long periodMillis) {
        boolean[] cancelled = new boolean[1];
        add(now + initialDelayMillis * 1_000_000, task, periodMillis * 1_000_000, cancelled);
        return () -> cancel(cancelled);
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized long currentTimeMillis() {
        return START_WALL_MILLIS + (now - START_NANOS) / 1_000_000;
    }

    @Override
    public Confinement confinement() {
        return confinement;
    }

    /** Milliseconds since this scheduler was made. */
    public synchronized long elapsedMillis() {
        return (now - START_NANOS) / 1_000_000;
    }

    /** Runs what is due now, without moving time. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves time forward by {@code by}, running each task at the instant it falls due, in order. */
    public void advance(Duration by) {
        long target;
        synchronized (this) {
            target = now + by.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.dueNanos > target) {
                    now = target;
                    return;
                }
                tasks.poll();
                now = Math.max(now, next.dueNanos);
                if (next.cancelled[0]) {
                    continue;
                }
            }
            next.run.run();
            synchronized (this) {
                if (next.periodNanos > 0 && !next.cancelled[0]) {
                    add(now + next.periodNanos, next.run, next.periodNanos, next.cancelled);
                }
            }
        }
    }

    private void add(long due, Runnable task, long period, boolean[] cancelled) {
        tasks.add(new Task(due, order++, task, period, cancelled));
    }

    private synchronized void cancel(boolean[] cancelled) {
        cancelled[0] = true;
    }
}
