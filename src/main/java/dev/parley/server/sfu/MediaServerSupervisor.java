package dev.parley.server.sfu;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link MediaServer} running for the room server: a Janus it starts itself as a child
 * process ({@link JanusProcess}), or an external Janus it connects to. When Janus dies or its
 * session is lost, the supervisor reports it, starts (or reconnects to) Janus again with a
 * growing pause (0.5 s doubling up to 5 s) and reports the new media server, which starts
 * empty: every connection on the old one is gone.
 *
 * <p>Thread-safe. The listener runs on the supervisor's own thread. Lives from {@link #start} to
 * {@link #close()}.
 */
public final class MediaServerSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaServerSupervisor.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    /** Hears of the media server going and coming back. */
    public interface Listener {
        /** The media server is gone, with every connection on it. */
        void lost(String reason);

        /** A new, empty media server is up. */
        void restored(MediaServer server);
    }

    private final ManagedJanusConfig managed;
    private final JanusEndpoint external;
    private final Listener listener;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "parley-media-supervisor");
        t.setDaemon(true);
        return t;
    });
    private volatile MediaServer current;
    private volatile JanusProcess process;
    private volatile boolean closed;
    /** Counts the media servers started, so that a late loss of an old one is ignored. */
    private long generation;

    private MediaServerSupervisor(ManagedJanusConfig managed, JanusEndpoint external, Listener listener) {
        this.managed = managed;
        this.external = external;
        this.listener = listener;
    }

    /** Starts Janus as a child process and waits until its media server is up. */
    public static MediaServerSupervisor startManaged(ManagedJanusConfig config, Listener listener) throws IOException {
        MediaServerSupervisor supervisor = new MediaServerSupervisor(config, null, listener);
        supervisor.startFirst();
        return supervisor;
    }

    /** Connects to an external Janus and waits until its media server is up. */
    public static MediaServerSupervisor connectExternal(JanusEndpoint endpoint, Listener listener) throws IOException {
        MediaServerSupervisor supervisor = new MediaServerSupervisor(null, endpoint, listener);
        supervisor.startFirst();
        return supervisor;
    }

    private void startFirst() throws IOException {
        try {
            thread.submit(() -> {
                bringUp();
                return null;
            }).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            close();
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            close();
            throw new IOException("the media server did not start within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while the media server started", e);
        }
    }

    /** The media server now, or null while it is down. */
    public MediaServer current() {
        return current;
    }

    /** The Janus this supervisor started, or null for an external one (for tests and status). */
    public JanusProcess process() {
        return process;
    }

    /** Starts or connects to Janus; runs on the supervisor's thread. */
    private void bringUp() throws IOException {
        long mine = ++generation;
        JanusEndpoint endpoint;
        if (managed != null) {
            JanusProcess started = JanusProcess.start(managed, thread);
            process = started;
            endpoint = started.endpoint();
            started.exited().thenAccept(code -> thread.execute(() ->
                    down(mine, "Janus exited with " + code + ": " + started.logTail())));
        } else {
            endpoint = external;
        }
        CompletableFuture<MediaServer> connecting = MediaServer.janus(endpoint, thread,
                reason -> thread.execute(() -> down(mine, reason)));
        try {
            current = connecting.get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot open a session on Janus at " + endpoint.api() + ": "
                    + (e instanceof ExecutionException ? e.getCause().getMessage() : "no answer"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        LOG.info("media server up (Janus at {})", endpoint.api());
    }

    private void down(long of, String reason) {
        if (closed || of != generation) {
            return;
        }
        generation++;
        LOG.warn("media server lost: {}", reason);
        MediaServer old = current;
        current = null;
        if (old != null) {
            old.close();
        }
        JanusProcess oldProcess = process;
        if (oldProcess != null) {
            oldProcess.stop();
        }
        listener.lost(reason);
        retry(FIRST_PAUSE);
    }

    private void retry(Duration pause) {
        thread.schedule(() -> {
            if (closed) {
                return;
            }
            try {
                bringUp();
                listener.restored(current);
            } catch (IOException | RuntimeException e) {
                LOG.warn("media server still down: {}", e.getMessage());
                Duration next = pause.multipliedBy(2);
                retry(next.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : next);
            }
        }, pause.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.submit(() -> {
                MediaServer m = current;
                current = null;
                if (m != null) {
                    m.close();
                }
                JanusProcess p = process;
                if (p != null) {
                    p.stop();
                }
            }).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("stopping the media server failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.shutdownNow();
    }
}
