package dev.parley.testing;

import dev.parley.protocol.AppSignProof;
import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.CodecException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MessageCodec;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.UserInfo;
import dev.parley.server.ParleyServer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A protocol-level test client: a bare Java-WebSocket client that speaks the Parley protocol by
 * hand, records every message the server sends (decoded with {@link MessageCodec#decodeServer})
 * and lets tests wait for replies, pushes and the close, each with a timeout.
 *
 * <p>Thread-safe: the socket thread records, test threads wait (wait/notify on this object).
 * Lives from {@link #connect} to {@link #close()}; closing also stops the optional heartbeat thread.
 */
public final class RawClient implements AutoCloseable {
    /** How long waits last when the caller gives no timeout. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final MessageCodec CODEC = new MessageCodec();

    /** One received message with the wall-clock time it arrived. */
    public record Received(ServerMessage message, long atMillis) {
    }

    private final Socket socket;
    private final String name;
    private final AtomicLong ids = new AtomicLong();
    private final List<Received> received = new ArrayList<>();
    private final List<String> undecodable = new ArrayList<>();
    private Integer closeCode;
    private String closeReason;
    private Exception error;
    private volatile String sessionId;
    private ScheduledExecutorService heartbeats;

    private final class Socket extends WebSocketClient {
        Socket(URI uri) {
            super(uri);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
        }

        @Override
        public void onMessage(String text) {
            ServerMessage message;
            try {
                message = CODEC.decodeServer(text);
            } catch (CodecException e) {
                synchronized (RawClient.this) {
                    undecodable.add(text);
                    RawClient.this.notifyAll();
                }
                return;
            }
            synchronized (RawClient.this) {
                received.add(new Received(message, System.currentTimeMillis()));
                RawClient.this.notifyAll();
            }
        }

        @Override
        public void onMessage(ByteBuffer bytes) {
            synchronized (RawClient.this) {
                undecodable.add("<binary " + bytes.remaining() + " bytes>");
                RawClient.this.notifyAll();
            }
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            synchronized (RawClient.this) {
                closeCode = code;
                closeReason = reason;
                RawClient.this.notifyAll();
            }
        }

        @Override
        public void onError(Exception ex) {
            // onClose follows with the close code; keep the cause for failure messages
            synchronized (RawClient.this) {
                error = ex;
            }
        }
    }

    private RawClient(URI uri, SSLContext ssl, String name) {
        this.name = name;
        this.socket = new Socket(uri);
        socket.setConnectionLostTimeout(0);
        socket.setTcpNoDelay(true);
        if (ssl != null) {
            socket.setSocketFactory(ssl.getSocketFactory());
        }
    }

    /** Connects to {@code server} and waits for its Welcome. */
    public static RawClient connect(ParleyServer server) {
        return connect(server.url(), null);
    }

    /** Connects to {@code url} (ws or wss, trusting what {@code ssl} trusts) and waits for the Welcome. */
    public static RawClient connect(String url, SSLContext ssl) {
        RawClient client = new RawClient(URI.create(url), ssl, url);
        try {
            if (!client.socket.connectBlocking(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                client.close();
                throw new AssertionError("cannot connect to " + url + " (close code " + client.closeCode + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        client.nonce();
        return client;
    }

    // ---- sending ----

    /** A fresh request ID, unique on this client. */
    public long nextId() {
        return ids.incrementAndGet();
    }

    public void send(String raw) {
        socket.send(raw);
    }

    public void send(ClientMessage message) {
        socket.send(CODEC.encode(message));
    }

    public void sendBytes(byte[] bytes) {
        socket.send(bytes);
    }

    /** Sends a hand-made WebSocket frame, for frames the client API would not build. */
    public void sendFrame(Framedata frame) {
        socket.sendFrame(frame);
    }

    /** Sends {@code message} and waits for the reply with its ID. */
    public ServerMessage.Reply request(ClientMessage message) {
        int mark = mark();
        send(message);
        return awaitReply(message.id(), mark, TIMEOUT);
    }

    /** Builds a request with a fresh ID, sends it and waits for its reply. */
    public ServerMessage.Reply request(LongFunction<? extends ClientMessage> make) {
        return request(make.apply(nextId()));
    }

    /** Like {@link #request(LongFunction)}, but fails unless the reply is a success. */
    public ServerMessage.Reply ok(LongFunction<? extends ClientMessage> make) {
        ServerMessage.Reply reply = request(make);
        if (reply.code() != 0) {
            throw new AssertionError(name() + ": expected success, got " + describe(reply));
        }
        return reply;
    }

    /** Like {@link #request(LongFunction)}, but fails unless the reply carries {@code expected}. */
    public ServerMessage.Reply expectError(ErrorCode expected, LongFunction<? extends ClientMessage> make) {
        ServerMessage.Reply reply = request(make);
        if (reply.code() != expected.code()) {
            throw new AssertionError(name() + ": expected " + expected + ", got " + describe(reply));
        }
        return reply;
    }

    /**
     * A round trip through the server's core: a heartbeat and its reply. The core handles one
     * thing at a time in order, so every push caused by anything it handled earlier has reached
     * this client once the reply is here.
     */
    public void barrier() {
        request(ClientMessage.Heartbeat::new);
    }

    // ---- login ----

    /** An appSign login request for {@code userId}, signed over this connection's nonce now. */
    public ClientMessage.Login loginRequest(long id, String roomId, String userId, boolean userStatusNotify) {
        AppSignProof proof = AppSignProof.sign(TestServers.APP_SIGN, TestServers.APP_ID, userId, nonce(),
                System.currentTimeMillis());
        return new ClientMessage.Login(id, MessageCodec.PROTOCOL_VERSION, TestServers.APP_ID, roomId,
                new UserInfo(userId, userId + "-name"), userStatusNotify, 0, null, proof, List.of());
    }

    /** Logs in with the app's appSign and fails unless the login is accepted. */
    public ServerMessage.LoginAccepted login(String roomId, String userId, boolean userStatusNotify) {
        return accepted(request(id -> loginRequest(id, roomId, userId, userStatusNotify)));
    }

    /** Logs in with a token and fails unless the login is accepted. */
    public ServerMessage.LoginAccepted loginWithToken(long appId, String roomId, String userId, String token) {
        return accepted(request(id -> new ClientMessage.Login(id, MessageCodec.PROTOCOL_VERSION, appId, roomId,
                new UserInfo(userId, userId), true, 0, token, null, List.of())));
    }

    /** Checks that {@code reply} accepted a login, and remembers the session for a resume. */
    public ServerMessage.LoginAccepted accepted(ServerMessage.Reply reply) {
        if (!(reply instanceof ServerMessage.LoginAccepted accepted)) {
            throw new AssertionError(name() + ": login refused: " + describe(reply));
        }
        sessionId = accepted.sessionId();
        return accepted;
    }

    public String sessionId() {
        return sessionId;
    }

    /** The nonce of the server's Welcome. */
    public String nonce() {
        return await(ServerMessage.Welcome.class, w -> true, TIMEOUT).nonce();
    }

    /** The highest push sequence number received so far, at least that of the login reply. */
    public synchronized long lastSeq() {
        long seq = 0;
        for (Received r : received) {
            if (r.message() instanceof ServerMessage.LoginAccepted a) {
                seq = Math.max(seq, a.seq());
            } else if (r.message() instanceof ServerMessage.Push p) {
                seq = Math.max(seq, p.seq());
            }
        }
        return seq;
    }

    /** Sends heartbeats in the background until {@link #close()}, as a live client does. */
    public synchronized void startHeartbeats(Duration every) {
        if (heartbeats != null) {
            return;
        }
        heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "raw-client-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeats.scheduleAtFixedRate(() -> {
            if (socket.isOpen()) {
                send(new ClientMessage.Heartbeat(nextId()));
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- waiting ----

    /** The number of messages received so far, to wait for messages after this point. */
    public synchronized int mark() {
        return received.size();
    }

    public synchronized List<ServerMessage> messages() {
        return received.stream().map(Received::message).toList();
    }

    /** Every received message of {@code type}, oldest first. */
    public synchronized <T extends ServerMessage> List<T> all(Class<T> type) {
        return received.stream().map(Received::message).filter(type::isInstance).map(type::cast).toList();
    }

    /** Texts that were not valid server messages; a correct server sends none. */
    public synchronized List<String> undecodable() {
        return List.copyOf(undecodable);
    }

    /** When {@code message} (one of the received instances) arrived, in epoch milliseconds. */
    public synchronized long arrivalMillis(ServerMessage message) {
        for (Received r : received) {
            if (r.message() == message) {
                return r.atMillis();
            }
        }
        throw new IllegalArgumentException("not received: " + message);
    }

    /** Waits for the reply with request ID {@code id} among the messages from index {@code mark}. */
    public ServerMessage.Reply awaitReply(long id, int mark, Duration timeout) {
        return awaitAfter(mark, ServerMessage.Reply.class, r -> r.id() == id, timeout);
    }

    /** Waits for the first message of {@code type} matching {@code test} received so far or later. */
    public <T extends ServerMessage> T await(Class<T> type, Predicate<? super T> test, Duration timeout) {
        return awaitAfter(0, type, test, timeout);
    }

    /** Waits for a push of {@code type} matching {@code test}. */
    public <T extends ServerMessage.Push> T awaitPush(Class<T> type, Predicate<? super T> test, Duration timeout) {
        return awaitAfter(0, type, test, timeout);
    }

    public <T extends ServerMessage.Push> T awaitPush(Class<T> type, Predicate<? super T> test) {
        return awaitPush(type, test, TIMEOUT);
    }

    /** Waits for the first message of {@code type} matching {@code test} at index {@code mark} or later. */
    public <T extends ServerMessage> T awaitAfter(int mark, Class<T> type, Predicate<? super T> test,
                                                  Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            int scanned = mark;
            while (true) {
                for (; scanned < received.size(); scanned++) {
                    ServerMessage m = received.get(scanned).message();
                    if (type.isInstance(m) && test.test(type.cast(m))) {
                        return type.cast(m);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(name() + ": no " + type.getSimpleName() + " matching within " + timeout
                            + "; received " + messagesAsText() + (closeCode == null ? "" : "; closed " + closeCode));
                }
                waitNanos(left);
            }
        }
    }

    /**
     * Checks that no push of {@code type} matching {@code test} has arrived, after a
     * {@link #barrier()} so that everything the server did before has arrived.
     */
    public <T extends ServerMessage> void assertNone(Class<T> type, Predicate<? super T> test) {
        barrier();
        List<T> found = all(type).stream().filter(test).toList();
        if (!found.isEmpty()) {
            throw new AssertionError(name() + ": unexpected " + found);
        }
    }

    /**
     * Waits for the reply with request ID {@code id} among the messages from index {@code mark},
     * or for the close; returns null when the connection closed without that reply.
     */
    public ServerMessage.Reply awaitReplyOrClose(long id, int mark, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            int scanned = mark;
            while (true) {
                for (; scanned < received.size(); scanned++) {
                    if (received.get(scanned).message() instanceof ServerMessage.Reply r && r.id() == id) {
                        return r;
                    }
                }
                if (closeCode != null) {
                    return null;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(name() + ": no reply to " + id + " and no close within " + timeout);
                }
                waitNanos(left);
            }
        }
    }

    /** Waits until the server closes the connection and returns the close code. */
    public int awaitClose(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (closeCode == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(name() + ": still open after " + timeout + "; received "
                            + messagesAsText());
                }
                waitNanos(left);
            }
            return closeCode;
        }
    }

    public int awaitClose() {
        return awaitClose(TIMEOUT);
    }

    public synchronized Integer closeCode() {
        return closeCode;
    }

    /** The close reason, with the socket error that caused the close, if any. */
    public synchronized String closeReason() {
        return error == null ? closeReason : closeReason + " (" + error + ")";
    }

    public boolean isOpen() {
        return socket.isOpen();
    }

    /** Drops the TCP connection without a close frame, as a crashed client or a lost network does. */
    public void dropAbruptly() {
        try {
            java.net.Socket raw = socket.getSocket();
            if (raw != null) {
                raw.setSoLinger(true, 0);
                raw.close();
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        awaitClose();
    }

    private void waitNanos(long nanos) {
        try {
            wait(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private String messagesAsText() {
        StringBuilder sb = new StringBuilder("[");
        int from = Math.max(0, received.size() - 30);
        if (from > 0) {
            sb.append("... ").append(from).append(" earlier, ");
        }
        for (int i = from; i < received.size(); i++) {
            sb.append(received.get(i).message()).append(i + 1 < received.size() ? ", " : "");
        }
        return sb.append("]").toString();
    }

    private String name() {
        return "RawClient(" + name + (sessionId == null ? "" : ", session " + sessionId) + ")";
    }

    /** A reply as "CODE_NAME (code)" for failure messages. */
    public static String describe(ServerMessage.Reply reply) {
        return ErrorCode.of(reply.code()).map(Enum::name).orElse("?") + " " + reply;
    }

    /** Closes the connection (waiting briefly for the close handshake) and stops the heartbeats. */
    @Override
    public void close() {
        synchronized (this) {
            if (heartbeats != null) {
                heartbeats.shutdownNow();
            }
        }
        socket.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        synchronized (this) {
            while (closeCode == null && System.nanoTime() < deadline) {
                waitNanos(deadline - System.nanoTime());
            }
        }
        if (closeCode == null) {
            socket.closeConnection(1006, "close handshake timed out");
        }
    }
}
