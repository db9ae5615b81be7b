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
 * One simulated user of several server nodes: it logs in through the node it is given and, when
 * that node does not hold the room, follows the redirect to the one that does (a new connection,
 * a login signed over that node's nonce), as the engine will. Login-to-roster runs from the first
 * login sent to the reply with the room's user list, redirect included.
 *
 * <p>Arrival times come from the socket. Event calls for one connection never overlap; the
 * benchmark's main thread and the heartbeat scheduler read and send.
 */
final class RoamingUser {
    private static final String USER_UPDATE_PREFIX = "{\"type\":\"userUpdate\"";
    private static final int MAX_MEMBERS = 1000;
    private static final int MAX_REDIRECTS = 3;

    private final ClientRuntime runtime;
    private final int index;
    private final String userId;
    private final String roomId;
    private final CompletableFuture<RoamingUser> joined = new CompletableFuture<>();
    private final CompletableFuture<Void> left = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final AtomicLong requestIds = new AtomicLong();
    private volatile long connectNanos;
    private volatile long firstLoginNanos;
    private volatile long joinedNanos;
    private volatile int redirects;
    private volatile int rosterSize = -1;
    private volatile URI joinedAt;
    private volatile ClientSocket socket;
    private volatile ScheduledFuture<?> heartbeat;
    private volatile boolean leaving;
    private volatile long logoutId = -1;

    RoamingUser(ClientRuntime runtime, int index, String userId, String roomId) {
        this.runtime = runtime;
        this.index = index;
        this.userId = userId;
        this.roomId = roomId;
    }

    /** Connects to {@code entry}; the future completes once the user is in the room, wherever it is. */
    CompletableFuture<RoamingUser> connect(URI entry) {
        connectNanos = System.nanoTime();
        runtime.connector().connect(entry, index, new Attempt(entry));
        return joined;
    }

    String roomId() {
        return roomId;
    }

    long connectNanos() {
        return connectNanos;
    }

    /** From the first login sent to the login reply; -1 if never in. */
    long loginNanos() {
        return joined.isDone() && !joined.isCompletedExceptionally() ? joinedNanos - firstLoginNanos : -1;
    }

    /** From starting to connect to the login reply, every connection's handshake included; -1 if never in. */
    long joinNanos() {
        return joined.isDone() && !joined.isCompletedExceptionally() ? joinedNanos - connectNanos : -1;
    }

    int redirects() {
        return redirects;
    }

    int rosterSize() {
        return rosterSize;
    }

    /** The node the user ended up on; null if never in. */
    URI joinedAt() {
        return joinedAt;
    }

    /** Logs out and closes; the future completes once the server closed the connection. */
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
        long id = requestIds.incrementAndGet();
        logoutId = id;
        ws.sendText(runtime.codec().encode(new ClientMessage.Logout(id)));
        left.orTimeout(10, TimeUnit.SECONDS).whenComplete((v, e) -> ws.close());
        return closed;
    }

    void abort() {
        ClientSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        closed.complete(null);
    }

    private void fail(String why) {
        if (!joined.isDone()) {
            joined.completeExceptionally(new IllegalStateException(userId + " " + why));
        }
    }

    /** One connection: to the entry node, or to the node a redirect named. */
    private final class Attempt implements ClientSocket.Events {
        private final URI uri;
        private ClientSocket connection;
        private boolean redirected;

        Attempt(URI uri) {
            this.uri = uri;
        }

        @Override
        public void opened(ClientSocket opened) {
            this.connection = opened;
        }

        @Override
        public void text(String text, long now) {
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
            } else if (message instanceof ServerMessage.Redirect redirect) {
                redirected = true;
                connection.close();
                if (++redirects > MAX_REDIRECTS) {
                    runtime.error(userId + " redirected more than " + MAX_REDIRECTS + " times");
                    fail("redirected too often");
                    return;
                }
                runtime.connector().connect(URI.create(redirect.url()), index, new Attempt(URI.create(redirect.url())));
            } else if (message instanceof ServerMessage.LoginAccepted accepted) {
                joinedNanos = now;
                rosterSize = accepted.users().size();
                joinedAt = uri;
                socket = connection;
                long interval = accepted.heartbeatIntervalMs();
                heartbeat = runtime.scheduler().scheduleAtFixedRate(this::heartbeat, interval, interval,
                        TimeUnit.MILLISECONDS);
                joined.complete(RoamingUser.this);
            } else if (message instanceof ServerMessage.Reply reply) {
                if (reply.code() != 0) {
                    runtime.error(userId + " got error " + reply.code() + " for request " + reply.id());
                    fail("login refused: " + reply.code());
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
            String text = runtime.codec().encode(new ClientMessage.Login(requestIds.incrementAndGet(),
                    MessageCodec.PROTOCOL_VERSION, BenchServerMain.APP_ID, roomId, new UserInfo(userId, "Bench " + userId),
                    true, MAX_MEMBERS, null, proof, List.of()));
            if (firstLoginNanos == 0) {
                firstLoginNanos = System.nanoTime();
            }
            connection.sendText(text);
        }

        private void heartbeat() {
            if (!leaving) {
                connection.sendText(runtime.codec().encode(new ClientMessage.Heartbeat(requestIds.incrementAndGet())));
            }
        }

        @Override
        public void closed(int code, String reason) {
            if (redirected) {
                return; // this node sent the user on; the next attempt carries on
            }
            if (!leaving) {
                runtime.error(userId + " connection to " + uri + " ended: " + code + " " + reason);
            }
            fail("connection ended before joining: " + code + " " + reason);
            left.complete(null);
            closed.complete(null);
        }
    }
}
