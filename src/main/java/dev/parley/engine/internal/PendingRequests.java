package dev.parley.engine.internal;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Requests sent and not yet answered, by request ID. Each gets its reply, or a timeout or
 * connection-loss error in the form of a reply, exactly once.
 *
 * <p>Not thread-safe; used on the engine loop only.
 */
final class PendingRequests {
    private record Pending(Consumer<ServerMessage.Reply> onReply, ScheduledFuture<?> timeout) {
    }

    private final ScheduledExecutorService loop;
    private final long timeoutMillis;
    private final Map<Long, Pending> pending = new HashMap<>();

    PendingRequests(ScheduledExecutorService loop, Duration timeout) {
        this.loop = loop;
        this.timeoutMillis = timeout.toMillis();
    }

    void track(long id, Consumer<ServerMessage.Reply> onReply) {
        ScheduledFuture<?> timeout = loop.schedule(() -> fail(id, ErrorCode.COMMON_REQUEST_TIMEOUT),
                timeoutMillis, TimeUnit.MILLISECONDS);
        pending.put(id, new Pending(onReply, timeout));
    }

    /** Hands a reply to its request; false if no request waits for it. */
    boolean complete(ServerMessage.Reply reply) {
        Pending p = pending.remove(reply.id());
        if (p == null) {
            return false;
        }
        p.timeout().cancel(false);
        p.onReply().accept(reply);
        return true;
    }

    /** Fails every waiting request, for example when the connection is lost. */
    void failAll(ErrorCode error) {
        List<Long> ids = new ArrayList<>(pending.keySet());
        for (Long id : ids) {
            fail(id, error);
        }
    }

    private void fail(long id, ErrorCode error) {
        Pending p = pending.remove(id);
        if (p != null) {
            p.timeout().cancel(false);
            p.onReply().accept(ServerMessage.Ack.error(id, error));
        }
    }
}
