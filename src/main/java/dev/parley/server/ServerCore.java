package dev.parley.server;

import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.MessageCodec;
import dev.parley.protocol.ServerMessage;
import dev.parley.server.cluster.Cluster;
import dev.parley.server.cluster.ClusterListener;
import dev.parley.server.cluster.DrainPlan;
import dev.parley.server.cluster.RoomKey;
import dev.parley.server.sfu.MediaServer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns all room state. Transport threads hand it decoded requests and
 * connection events, and the {@link Cluster} the other nodes' answers and requests; it also runs
 * the presence sweep. It never waits for Redis. Rooms never see two threads at once, so the
 * registry stays consistent under concurrent logins.
 *
 * <p>Thread-safe entry points; lives from {@link #start()} to {@link #shutdown()}.
 */
final class ServerCore {
    private static final Logger LOG = LoggerFactory.getLogger(ServerCore.class);

    private final ServerConfig config;
    private final ScheduledExecutorService thread;
    private final RoomDirectory directory = new RoomDirectory();
    private final PushDelivery delivery;
    private final SessionLifecycle sessions;
    private final RequestDispatcher dispatcher;
    private final SfuRelay sfu;
    /** How long a draining node waits for Redis to release its rooms. */
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(2);
    /** How often DEFAULT players of SFU rooms are looked at for a layer step up. */
    private static final long LAYER_TICK_MILLIS = 2000;
    private final Clock clock;
    /** The longest the sweep sleeps, so that sessions that come meanwhile are looked at soon enough. */
    private final long maxSweepDelayMillis;

    private final Cluster cluster;

    ServerCore(ServerConfig config, MessageCodec codec, Outbound outbound, Clock clock, Cluster cluster) {
        this.config = config;
        this.cluster = cluster;
        this.clock = clock;
        this.maxSweepDelayMillis = Math.max(10, Math.min(1000, config.presenceTimeout().toMillis() / 4));
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-server-core");
            t.setDaemon(true);
            return t;
        });
        this.delivery = new PushDelivery(codec, outbound);
        this.sfu = new SfuRelay(delivery, task -> submit(guarded("media server result", task)), clock);
        StreamRegistry streams = new StreamRegistry(directory, delivery, sfu, cluster);
        Authenticator authenticator = new Authenticator(config.apps());
        this.sessions = new SessionLifecycle(config, directory, delivery, streams, sfu, authenticator, clock, cluster);
        this.dispatcher = new RequestDispatcher(sessions, streams, new RoomMessaging(delivery, clock),
                new RoomUsersQuery(directory, authenticator, clock, cluster, delivery), sfu, clock);
    }

    /** Joins the other nodes, as reachable at {@code publicUrl}; their requests run on the core thread. */
    void startCluster(String publicUrl) {
        cluster.start(publicUrl, task -> submit(guarded("cluster answer", task)), new ClusterListener() {
            @Override
            public void sessionTakenElsewhere(long appId, String sessionId) {
                sessions.sessionTakenElsewhere(appId, sessionId);
            }

            @Override
            public void roomMoved(RoomKey room, String url) {
                sessions.roomMoved(room, url);
            }
        });
    }

    void start() {
        scheduleSweep(maxSweepDelayMillis);
        if (config.media().needsMediaServer()) {
            thread.scheduleWithFixedDelay(guarded("media layer tick", sfu::tick), LAYER_TICK_MILLIS, LAYER_TICK_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Media server events, from the supervisor's thread: handed to the core thread. */
    void mediaServerLost() {
        submit(guarded("media server lost", sfu::mediaServerLost));
    }

    void mediaServerRestored(MediaServer server) {
        submit(guarded("media server restored", () -> sfu.mediaServerRestored(server)));
    }

    /** The media server the server starts with. */
    void mediaServer(MediaServer server) {
        submit(guarded("media server", () -> sfu.mediaServer(server)));
    }

    /**
     * Runs the presence and token sweep when its next deadline falls due, so that a silent user
     * leaves within milliseconds of the presence timeout rather than at the next tick of a timer.
     */
    private void sweep() {
        long nextDue = Long.MAX_VALUE;
        try {
            nextDue = sessions.sweep();
        } catch (RuntimeException | Error e) {
            LOG.error("presence sweep failed", e);
        } finally {
            long untilDue = nextDue == Long.MAX_VALUE ? Long.MAX_VALUE : nextDue - clock.millis();
            scheduleSweep(Math.max(1, Math.min(maxSweepDelayMillis, untilDue)));
        }
    }

    private void scheduleSweep(long delayMillis) {
        try {
            thread.schedule(this::sweep, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("server stopping; no more sweeps");
        }
    }

    void request(ClientConnection connection, ClientMessage request) {
        submit(guarded("request " + request.getClass().getSimpleName(), () -> {
            ServerMessage.Reply reply;
            try {
                reply = dispatcher.handle(connection, request);
            } catch (RuntimeException e) {
                LOG.error("request {} from {} failed", request.getClass().getSimpleName(), connection, e);
                reply = ServerMessage.Ack.error(request.id(), dev.parley.protocol.ErrorCode.COMMON_INTERNAL_ERROR);
            }
            if (reply != null) {
                delivery.reply(connection, reply);
            }
        }));
    }

    void closed(ClientConnection connection) {
        submit(guarded("connection close", () -> sessions.connectionClosed(connection)));
    }

    /** Runs {@code task} on the core thread after {@code delay}; dropped if the server stops first. */
    void later(Duration delay, String what, Runnable task) {
        try {
            thread.schedule(guarded(what, task), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("server stopping; dropped {}", what);
        }
    }

    private void submit(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("server stopping; dropped a task");
        }
    }

    /** Runs {@code query} on the core thread and waits for its answer; for stats and tests. */
    <T> T query(Callable<T> query) {
        try {
            return thread.submit(query).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("core query failed", e);
        }
    }

    RoomDirectory directory() {
        return directory;
    }

    /**
     * Tells connected clients that the server goes away, then stops the core thread. With other
     * nodes, this node first leaves them (its rooms are released at once), so that each client is
     * told where to log in again; that waits on the calling thread, never on the core's.
     */
    void shutdown() {
        DrainPlan plan = cluster.drain(DRAIN_WAIT);
        try {
            query(() -> {
                sessions.shutdown(plan);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("shutdown notice failed", e);
        }
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("{} failed", what, e);
            }
        };
    }
}
