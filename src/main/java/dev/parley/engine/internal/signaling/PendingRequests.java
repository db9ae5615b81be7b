package dev.parley.engine.internal.signaling;

import dev.parley.engine.internal.core.Cancellable;
import dev.parley.engine.internal.core.Scheduler;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Requests sent and not yet answered, by request ID. Each gets its reply, or a timeout or
 * connection-loss error in the form of a reply, exactly once.
 *
 * <p>Engine loop only; the timeouts run on its timers.
 */
public final class PendingRequests {
    private record Pending(Consumer<ServerMessage.Reply> onReply, Cancellable timeout) {
    }

    private final Scheduler loop;
    private final long timeoutMillis;
    private final Map<Long, Pending> pending = new HashMap<>();

    public PendingRequests(Scheduler loop, Duration timeout) {
        this.loop = loop;
        this.timeoutMillis = timeout.toMillis();
    }

    /** Waits for the reply to request {@code id}, at most the timeout. */
    public void track(long id, Consumer<ServerMessage.Reply> onReply) {
        loop.confinement().check();
        Cancellable timeout = loop.schedule(() -> fail(id, ErrorCode.COMMON_REQUEST_TIMEOUT), timeoutMillis);
        pending.put(id, new Pending(onReply, timeout));
    }

    /** Hands a reply to its request; false if no request waits for it. */
    public boolean complete(ServerMessage.Reply reply) {
        loop.confinement().check();
        Pending p = pending.remove(reply.id());
        if (p == null) {
            return false;
        }
        p.timeout().cancel();
        p.onReply().accept(reply);
        return true;
    }

    /** Fails every waiting request, for example when the connection is lost. */
    public void failAll(ErrorCode error) {
        loop.confinement().check();
        List<Long> ids = new ArrayList<>(pending.keySet());
        for (Long id : ids) {
            fail(id, error);
        }
    }

    private void fail(long id, ErrorCode error) {
        Pending p = pending.remove(id);
        if (p != null) {
            p.timeout().cancel();
            p.onReply().accept(ServerMessage.Ack.error(id, error));
        }
    }
}
