package dev.parley.bench;

import dev.parley.protocol.MessageCodec;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What all simulated users share: the {@link ClientSocket.Connector} that carries their
 * WebSockets on a few threads, a scheduler for heartbeats, the protocol codec, and counters of what
 * went wrong.
 *
 * <p>Thread-safe. Lives for the whole benchmark.
 */
final class ClientRuntime implements AutoCloseable {
    private static final int ERRORS_KEPT = 20;

    private final ClientSocket.Connector connector;
    private final ScheduledExecutorService scheduler;
    private final MessageCodec codec = new MessageCodec();
    private final LongAdder errors = new LongAdder();
    private final ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
    private final AtomicInteger errorsKept = new AtomicInteger();
    private final LongAdder userUpdates = new LongAdder();
    private volatile FanoutRecorder recorder;

    ClientRuntime(ClientSocket.Connector connector) {
        this.connector = connector;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("bench-heartbeat-"));
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    ClientSocket.Connector connector() {
        return connector;
    }

    MessageCodec codec() {
        return codec;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    FanoutRecorder recorder() {
        return recorder;
    }

    /** Where broadcast arrivals are recorded from now on. */
    void recorder(FanoutRecorder value) {
        this.recorder = value;
    }

    void error(String what) {
        errors.increment();
        if (errorsKept.incrementAndGet() <= ERRORS_KEPT) {
            firstErrors.add(what);
        }
    }

    long errors() {
        return errors.sum();
    }

    List<String> firstErrors() {
        return List.copyOf(firstErrors);
    }

    void userUpdate() {
        userUpdates.increment();
    }

    long userUpdates() {
        return userUpdates.sum();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        connector.close();
    }
}
