package dev.parley.testing;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * An executor that runs the newest task first, on several threads at once: legal for an
 * {@link Executor}, and the opposite of what a single thread would do, so that anything relying
 * on the order or the exclusion of its tasks shows it. Threads are daemons named {@code lifo-N}.
 */
public final class LastInFirstOutExecutor implements Executor, AutoCloseable {
    private final LinkedBlockingDeque<Runnable> tasks = new LinkedBlockingDeque<>();
    private final Thread[] workers;
    private volatile boolean closed;

    public LastInFirstOutExecutor(int threads) {
        workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Thread(this::work, "lifo-" + i);
            workers[i].setDaemon(true);
            workers[i].start();
        }
    }

    @Override
    public void execute(Runnable task) {
        tasks.addLast(task);
    }

    private void work() {
        while (!closed) {
            try {
                tasks.takeLast().run();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a task's failure is its own
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : workers) {
            t.interrupt();
        }
    }
}
