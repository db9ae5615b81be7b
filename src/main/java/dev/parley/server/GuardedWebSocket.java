package dev.parley.server;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketListener;
import org.java_websocket.drafts.Draft;
import org.java_websocket.enums.ReadyState;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server-side connection whose input is checked before the WebSocket library decodes it.
 * Until the upgrade it holds at most {@code maxHandshakeBytes} of the request head in its own
 * buffer, checks the complete head with {@link UpgradeRequest} and answers a bad one with an HTTP
 * error; after the upgrade every byte passes through a {@link FrameInspector}, and a broken rule
 * closes the connection with the matching status. It also holds the connection's
 * {@link ConnectionAdmission.Ticket} and gives it back when the connection closes.
 *
 * <p>Threads: {@link #decode} runs on the connection's WebSocket worker thread, one call at a
 * time; {@link #closeConnection(int, String, boolean)} may come from any thread. Lives from
 * acceptance to close.
 */
final class GuardedWebSocket extends WebSocketImpl {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedWebSocket.class);
    /** How long a refused client has to read the HTTP error before the connection is cut. */
    private static final long REFUSAL_LINGER_MILLIS = 500;
    /** Input is checked and decoded in slices of at most this many bytes. */
    private static final int MAX_READ = 16 * 1024;

    /** What the guard needs from the transport: its limits, a timer and the count of buffered bytes. */
    interface Host {
        int maxHandshakeBytes();

        void later(long delayMillis, Runnable task);

        AtomicLong handshakeBytes();

        void accepted(GuardedWebSocket socket);

        void upgraded(GuardedWebSocket socket);

        void closed(GuardedWebSocket socket);
    }

    private final WebSocketListener listener;
    private final Host host;
    private final FrameInspector frames = new FrameInspector();
    private final ByteBuffer forward = ByteBuffer.allocate(MAX_READ + FrameInspector.MAX_HELD);
    private byte[] head;
    private int headLength;
    private volatile boolean refused;
    private volatile String remote = "?";
    private ConnectionAdmission.Ticket ticket;

    GuardedWebSocket(WebSocketListener listener, List<Draft> drafts, Host host) {
        super(listener, drafts);
        this.listener = listener;
        this.host = host;
    }

    /** Called once the connection is admitted, before any input. */
    synchronized void admitted(ConnectionAdmission.Ticket value, String remoteAddress) {
        this.ticket = value;
        this.remote = remoteAddress;
    }

    /** The client logged in: its place among the address's not-yet-logged-in connections is free. */
    synchronized void loggedIn() {
        if (ticket != null) {
            ticket.release();
        }
    }

    /** Whether the WebSocket upgrade has not happened yet (and the connection is not closed). */
    boolean awaitingUpgrade() {
        return getReadyState() == ReadyState.NOT_YET_CONNECTED && !refused;
    }

    /** Closes a connection that is still before its upgrade, logging one line. */
    void closeBeforeUpgrade(String why) {
        if (!awaitingUpgrade()) {
            return;
        }
        refused = true;
        LOG.info("closed connection from {}: {}", remote, why);
        releaseHead();
        closeConnection(CloseFrame.NEVER_CONNECTED, why, false);
    }

    @Override
    public void decode(ByteBuffer input) {
        try {
            if (refused) {
                input.position(input.limit());
            } else if (getReadyState() == ReadyState.NOT_YET_CONNECTED) {
                readHead(input);
            } else if (getReadyState() == ReadyState.OPEN) {
                decodeFrames(input);
            } else {
                super.decode(input);
            }
        } catch (RuntimeException e) {
            LOG.warn("closing connection from {}: failed to decode its input: {}", remote, e.toString());
            refused = true;
            closeConnection(CloseFrame.UNEXPECTED_CONDITION, "internal error", false);
        }
    }

    private void readHead(ByteBuffer input) {
        byte[] complete;
        int completeLength;
        int end;
        synchronized (this) {
            int max = host.maxHandshakeBytes();
            int take = Math.min(input.remaining(), max - headLength);
            if (head == null) {
                head = new byte[Math.min(max, Math.max(take, 1024))];
            } else if (headLength + take > head.length) {
                head = Arrays.copyOf(head, Math.min(max, Math.max(head.length * 2, headLength + take)));
            }
            int searchFrom = Math.max(0, headLength - 3);
            input.get(head, headLength, take);
            headLength += take;
            host.handshakeBytes().addAndGet(take);
            end = endOfHead(searchFrom);
            if (end < 0 && headLength < max) {
                return;
            }
            complete = head;
            completeLength = headLength;
            releaseHead();
        }
        UpgradeRequest.Refusal refusal = end < 0 ? UpgradeRequest.TOO_LARGE : UpgradeRequest.check(complete, end - 4);
        if (refusal != null) {
            refuse(refusal);
            return;
        }
        super.decode(ByteBuffer.wrap(complete, 0, end));
        if (getReadyState() != ReadyState.OPEN) {
            return;
        }
        host.upgraded(this);
        if (completeLength > end) {
            decodeFrames(ByteBuffer.wrap(complete, end, completeLength - end));
        }
        if (input.hasRemaining()) {
            decodeFrames(input);
        }
    }

    /** The index just past the empty line that ends the head, searching from {@code from}, or -1. */
    private int endOfHead(int from) {
        for (int i = from; i + 3 < headLength; i++) {
            if (head[i] == '\r' && head[i + 1] == '\n' && head[i + 2] == '\r' && head[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    private void decodeFrames(ByteBuffer input) {
        while (input.hasRemaining()) {
            int limit = input.limit();
            input.limit(input.position() + Math.min(input.remaining(), MAX_READ));
            forward.clear();
            frames.inspect(input, forward);
            input.limit(limit);
            forward.flip();
            if (forward.hasRemaining()) {
                super.decode(forward);
            }
            FrameInspector.Violation violation = frames.violation();
            if (violation != null) {
                refused = true;
                input.position(input.limit());
                LOG.info("closing connection from {}: {} ({})", remote, violation.reason(), violation.closeCode());
                close(violation.closeCode(), violation.reason());
                return;
            }
        }
    }

    /** Answers the upgrade request with an HTTP error and closes the connection once it is out. */
    private void refuse(UpgradeRequest.Refusal refusal) {
        refused = true;
        releaseHead();
        LOG.info("refused connection from {}: {} ({})", remote, refusal.reason(), refusal.status());
        outQueue.add(ByteBuffer.wrap(refusal.response()));
        listener.onWriteDemand(this);
        host.later(REFUSAL_LINGER_MILLIS,
                () -> closeConnection(CloseFrame.NEVER_CONNECTED, refusal.reason(), false));
    }

    private synchronized void releaseHead() {
        if (headLength > 0) {
            host.handshakeBytes().addAndGet(-headLength);
        }
        head = null;
        headLength = 0;
    }

    @Override
    public synchronized void closeConnection(int code, String message, boolean remote) {
        super.closeConnection(code, message, remote);
        releaseHead();
        if (ticket != null) {
            ticket.release();
        }
        host.closed(this);
    }
}
