package dev.parley.bench;

import dev.parley.protocol.AppSignProof;
import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.CodecException;
import dev.parley.protocol.MessageCodec;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.UserInfo;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated user: a WebSocket ({@link ClientSocket}) to the server under test.
 *
 * <p>Against Parley it speaks the real protocol: it waits for the welcome, logs in with an appSign
 * proof over the welcome's nonce, heartbeats at the interval the server gives, and records when
 * the login reply with the room's user list arrives. Against the baseline it only connects.
 * Either way it records the arrival of every broadcast in the runtime's {@link FanoutRecorder}.
 *
 * <p>Arrival times come from the socket, taken when the bytes were read, before any parsing. Event
 * calls for one socket never overlap; the main thread and the heartbeat scheduler read and send.
 */
final class SimulatedUser implements ClientSocket.Events {
    /** What the user talks to. */
    enum Protocol {
        /** The Parley room server. */
        PARLEY,
        /** The bare broadcast server. */
        BASELINE
    }

    private static final String BROADCAST_PREFIX = "{\"type\":\"broadcastReceived\"";
    private static final String USER_UPDATE_PREFIX = "{\"type\":\"userUpdate\"";
    private static final int MAX_MEMBERS = 1000;

    private final ClientRuntime runtime;
    private final Protocol protocol;
    private final int index;
    private final String userId;
    private final String roomId;
    private final boolean userStatusNotify;
    private final CompletableFuture<SimulatedUser> joined = new CompletableFuture<>();
    private final CompletableFuture<Void> left = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final AtomicLong requestIds = new AtomicLong();
    private volatile ClientSocket socket;
    private volatile long connectNanos;
    private volatile long loginSentNanos;
    private volatile long joinedNanos;
    private volatile int rosterSize = -1;
    private volatile long logoutId = -1;
    private volatile boolean leaving;
    private volatile ScheduledFuture<?> heartbeat;

    SimulatedUser(ClientRuntime runtime, Protocol protocol, int index, String userId, String roomId,
                  boolean userStatusNotify) {
        this.runtime = runtime;
        this.protocol = protocol;
        this.index = index;
        this.userId = userId;
        this.roomId = roomId;
        this.userStatusNotify = userStatusNotify;
    }

    /** Opens the connection; the future completes once the user is in the room. */
    CompletableFuture<SimulatedUser> connect(URI uri) {
        connectNanos = System.nanoTime();
        runtime.connector().connect(uri, index, this);
        return joined;
    }

    int index() {
        return index;
    }

    /** Nanoseconds from sending the login to receiving its reply with the user list; -1 if none. */
    long loginNanos() {
        return joined.isDone() && !joined.isCompletedExceptionally() && protocol == Protocol.PARLEY
                ? joinedNanos - loginSentNanos : -1;
    }

    /** Nanoseconds from starting to connect to being in the room; -1 if never. */
    long joinNanos() {
        return joined.isDone() && !joined.isCompletedExceptionally() ? joinedNanos - connectNanos : -1;
    }

    /** When the login was sent; 0 before (and always for the baseline). */
    long loginSentNanos() {
        return loginSentNanos;
    }

    /** When connecting started; 0 before. */
    long connectNanos() {
        return connectNanos;
    }

    /** Other users listed in the login reply; -1 before it. */
    int rosterSize() {
        return rosterSize;
    }

    /** Sends broadcast {@code seq}, stamped with the current {@link System#nanoTime()}. */
    void sendBroadcast(int seq) {
        MessageCodec codec = runtime.codec();
        long now = System.nanoTime();
        send(codec.encode(new ClientMessage.SendBroadcast(requestIds.incrementAndGet(),
                FanoutRecorder.payload(seq, index, now))));
    }

    /** Logs out (Parley) and closes; the future completes when the server closed the connection. */
    CompletableFuture<Void> leave() {
        leaving = true;
        ScheduledFuture<?> beat = heartbeat;
        if (beat != null) {
            beat.cancel(false);
        }
        ClientSocket ws = socket;
        if (ws == null) {
            closed.complete(null);
            return closed;
        }
        if (protocol == Protocol.PARLEY && joined.isDone() && !joined.isCompletedExceptionally()) {
            long id = requestIds.incrementAndGet();
            logoutId = id;
            send(runtime.codec().encode(new ClientMessage.Logout(id)));
        } else {
            left.complete(null);
        }
        left.orTimeout(10, TimeUnit.SECONDS)
                .whenComplete((v, e) -> ws.close());
        return closed;
    }

    /** Drops the connection at once. */
    void abort() {
        ClientSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        closed.complete(null);
    }

    private void send(String text) {
        socket.sendText(text);
    }

    @Override
    public void opened(ClientSocket openedSocket) {
        this.socket = openedSocket;
        if (protocol == Protocol.BASELINE) {
            joinedNanos = System.nanoTime();
            joined.complete(this);
        }
    }

    @Override
    public void text(String text, long now) {
        if (protocol == Protocol.BASELINE) {
            recordBroadcast(text, now);
        } else {
            onParleyMessage(text, now);
        }
    }

    private void recordBroadcast(String text, long now) {
        FanoutRecorder recorder = runtime.recorder();
        if (recorder != null) {
            recorder.record(text, index, now);
        }
    }

    private void onParleyMessage(String text, long now) {
        if (text.startsWith(BROADCAST_PREFIX)) {
            recordBroadcast(text, now);
            return;
        }
        if (text.startsWith(USER_UPDATE_PREFIX)) {
            runtime.userUpdate();
            return;
        }
        ServerMessage message;
        try {
            message = runtime.codec().decodeServer(text);
        } catch (CodecException e) {
            runtime.error(userId + " could not decode: " + e.getMessage());
            return;
        }
        if (message instanceof ServerMessage.Welcome welcome) {
            login(welcome);
        } else if (message instanceof ServerMessage.LoginAccepted accepted) {
            joinedNanos = now;
            rosterSize = accepted.users().size();
            long interval = accepted.heartbeatIntervalMs();
            heartbeat = runtime.scheduler().scheduleAtFixedRate(this::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
            joined.complete(this);
        } else if (message instanceof ServerMessage.BroadcastReceived) {
            recordBroadcast(text, now);
        } else if (message instanceof ServerMessage.UserUpdate) {
            runtime.userUpdate();
        } else if (message instanceof ServerMessage.Reply reply) {
            if (reply.code() != 0) {
                runtime.error(userId + " got error " + reply.code() + " for request " + reply.id());
                if (!joined.isDone()) {
                    joined.completeExceptionally(new IllegalStateException("login refused: " + reply.code()));
                }
            }
            if (reply.id() == logoutId) {
                left.complete(null);
            }
        } else if (message instanceof ServerMessage.KickedOut kicked && !leaving) {
            runtime.error(userId + " kicked out: " + kicked.code() + " " + kicked.reason());
        }
    }

    private void login(ServerMessage.Welcome welcome) {
        AppSignProof proof = AppSignProof.sign(BenchServerMain.APP_SIGN, BenchServerMain.APP_ID, userId,
                welcome.nonce(), System.currentTimeMillis());
        ClientMessage.Login login = new ClientMessage.Login(requestIds.incrementAndGet(), MessageCodec.PROTOCOL_VERSION,
                BenchServerMain.APP_ID, roomId, new UserInfo(userId, "Bench " + userId), userStatusNotify,
                MAX_MEMBERS, null, proof, List.of());
        String text = runtime.codec().encode(login);
        loginSentNanos = System.nanoTime();
        send(text);
    }

    private void heartbeat() {
        if (!leaving) {
            send(runtime.codec().encode(new ClientMessage.Heartbeat(requestIds.incrementAndGet())));
        }
    }

    @Override
    public void closed(int code, String reason) {
        if (!leaving) {
            runtime.error(userId + " connection ended: " + code + " " + reason);
        }
        fail("connection ended before joining: " + code + " " + reason);
        left.complete(null);
        closed.complete(null);
    }

    private void fail(String why) {
        if (!joined.isDone()) {
            joined.completeExceptionally(new IllegalStateException(userId + " " + why));
        }
    }
}
