package dev.parley.engine.internal;

import dev.parley.engine.LoginCallback;
import dev.parley.engine.RoomConfig;
import dev.parley.engine.RoomStateChangedReason;
import dev.parley.engine.User;
import dev.parley.protocol.AppSignProof;
import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MessageCodec;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.StreamInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This client's membership of one room, from loginRoom to its end: the signaling connection,
 * login, heartbeats, and reconnection (resume when the server still holds the session, a full
 * re-login when it does not).
 *
 * <p>Not thread-safe; every method runs on the engine loop. One instance per loginRoom.
 */
final class RoomSession implements SignalingConnection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(RoomSession.class);

    enum Phase { LOGGING_IN, CONNECTED, RECONNECTING, ENDED }

    private final EngineContext engine;
    private final String roomId;
    private final User user;
    private final RoomConfig config;
    private final LoginCallback loginCallback;
    private final PendingRequests requests;
    private final ReconnectBackoff backoff;
    private final RoomEvents events;
    private final Publications publications;
    private final MediaSession media;
    /** The token the next login presents: the newest one the server accepted or that no server has seen yet. */
    private String token;
    /** A token given to renewToken that the server has not answered yet, or null. */
    private String renewal;
    /** The token the login in flight presents. */
    private String loginToken;
    private Phase phase;
    private SignalingConnection connection;
    private String nonce;
    private String sessionId;
    private long heartbeatMillis = 5000;
    private long lastHeardNanos;
    private boolean loginAnswered;
    private ScheduledFuture<?> heartbeat;
    private ScheduledFuture<?> reconnect;

    RoomSession(EngineContext engine, String roomId, User user, RoomConfig config, LoginCallback loginCallback) {
        this.engine = engine;
        this.roomId = roomId;
        this.user = user;
        this.config = config;
        this.loginCallback = loginCallback;
        this.token = config.token();
        this.requests = new PendingRequests(engine.loop(), engine.profile().requestTimeout());
        this.backoff = new ReconnectBackoff(engine.profile().reconnectBackoffCap(), engine.profile().reconnectWindow());
        this.media = new MediaSession(engine, this, engine.media());
        this.events = new RoomEvents(engine, roomId, user, config.isUserStatusNotify(), (type, streams) -> {
            if (type == dev.parley.engine.UpdateType.ADD) {
                media.onStreamsAdded(streams);
            } else {
                media.onStreamsDeleted(streams);
            }
        });
        this.publications = new Publications(engine, this, Conversions.userInfo(user));
    }

    String roomId() {
        return roomId;
    }

    Phase phase() {
        return phase;
    }

    Publications publications() {
        return publications;
    }

    RoomEvents events() {
        return events;
    }

    MediaSession media() {
        return media;
    }

    void start() {
        phase = Phase.LOGGING_IN;
        emitState(RoomStateChangedReason.LOGINING, 0);
        connect();
    }

    private void connect() {
        reconnect = null;
        SignalingConnection attempt = new SignalingConnection(URI.create(engine.profile().serverUrl()),
                engine.profile().sslContext(), (int) engine.profile().requestTimeout().toMillis(), engine.codec(),
                engine.loop(), this);
        connection = attempt;
        lastHeardNanos = System.nanoTime();
        attempt.open();
        engine.loop().schedule(() -> {
            if (connection == attempt && phase != Phase.CONNECTED && phase != Phase.ENDED) {
                LOG.info("room {}: no answer from {}; retrying", roomId, engine.profile().serverUrl());
                attempt.abort();
            }
        }, engine.profile().requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends a request on the current connection and routes its reply, or an error, to {@code onReply}. */
    void request(ClientMessage message, Consumer<ServerMessage.Reply> onReply) {
        if (connection == null) {
            onReply.accept(ServerMessage.Ack.error(message.id(), ErrorCode.ENGINE_SERVER_UNREACHABLE));
            return;
        }
        requests.track(message.id(), onReply);
        connection.send(message);
    }

    @Override
    public void onMessage(SignalingConnection from, ServerMessage message) {
        if (from != connection) {
            return;
        }
        lastHeardNanos = System.nanoTime();
        if (message instanceof ServerMessage.Welcome welcome) {
            nonce = welcome.nonce();
            if (phase == Phase.ENDED) {
                return;
            }
            if (sessionId != null) {
                request(new ClientMessage.Resume(engine.nextRequestId(), sessionId, events.lastSeq()), this::onResumeReply);
            } else {
                sendLogin();
            }
        } else if (message instanceof ServerMessage.Reply reply) {
            requests.complete(reply);
        } else if (message instanceof ServerMessage.KickedOut kicked) {
            onKickedOut(kicked);
        } else if (message instanceof ServerMessage.SignalReceived signal && phase == Phase.CONNECTED) {
            events.onPush(signal);
            media.onSignal(signal);
        } else if (message instanceof ServerMessage.Push push && phase != Phase.ENDED) {
            events.onPush(push);
        }
    }

    private void sendLogin() {
        loginToken = renewal != null ? renewal : token;
        AppSignProof proof = loginToken == null
                ? AppSignProof.sign(engine.profile().appSign(), engine.profile().appID(), user.userID(), nonce,
                System.currentTimeMillis())
                : null;
        List<StreamInfo> streams = phase == Phase.RECONNECTING ? publications.toReRegister() : List.of();
        request(new ClientMessage.Login(engine.nextRequestId(), MessageCodec.PROTOCOL_VERSION, engine.profile().appID(),
                roomId, Conversions.userInfo(user), config.isUserStatusNotify(), config.maxMemberCount(), loginToken, proof,
                streams), this::onLoginReply);
    }

    private void onLoginReply(ServerMessage.Reply reply) {
        if (phase == Phase.ENDED) {
            return;
        }
        if (reply instanceof ServerMessage.LoginAccepted accepted) {
            onLoggedIn(accepted);
        } else if (!connectionTrouble(reply.code())) {
            end(phase == Phase.LOGGING_IN ? RoomStateChangedReason.LOGIN_FAILED : RoomStateChangedReason.RECONNECT_FAILED,
                    reply.code());
        }
    }

    private void onLoggedIn(ServerMessage.LoginAccepted accepted) {
        boolean reconnected = phase == Phase.RECONNECTING;
        sessionId = accepted.sessionId();
        if (loginToken != null) {
            token = loginToken;
            if (renewal == loginToken) {
                renewal = null;
            }
        }
        heartbeatMillis = accepted.heartbeatIntervalMs();
        phase = Phase.CONNECTED;
        backoff.reset();
        startHeartbeat();
        if (reconnected) {
            emitState(RoomStateChangedReason.RECONNECTED, 0);
            events.onReLogin(accepted);
        } else {
            answerLogin(0);
            emitState(RoomStateChangedReason.LOGINED, 0);
            events.onLogin(accepted);
        }
        media.iceServers(accepted.iceServers());
        publications.onRoomConnected(accepted.streams());
        media.onRoomConnected();
        sendRenewal();
    }

    private void onResumeReply(ServerMessage.Reply reply) {
        if (phase == Phase.ENDED) {
            return;
        }
        if (reply instanceof ServerMessage.ResumeAccepted resumed) {
            phase = Phase.CONNECTED;
            backoff.reset();
            startHeartbeat();
            emitState(RoomStateChangedReason.RECONNECTED, 0);
            for (ServerMessage.Push push : resumed.missed()) {
                events.onPush(push);
                if (push instanceof ServerMessage.SignalReceived signal) {
                    media.onSignal(signal);
                }
            }
            publications.onRoomResumed();
            media.onRoomConnected();
            sendRenewal();
        } else if (!connectionTrouble(reply.code())) {
            LOG.info("room {}: session not resumable ({}); logging in again", roomId, reply.code());
            sessionId = null;
            sendLogin();
        }
    }

    /** Replies that mean the connection failed; the close that follows drives the retry. */
    private boolean connectionTrouble(int code) {
        if (code == ErrorCode.COMMON_REQUEST_TIMEOUT.code() && connection != null) {
            connection.abort();
            return true;
        }
        return code == ErrorCode.ENGINE_SERVER_UNREACHABLE.code() || code == ErrorCode.COMMON_REQUEST_TIMEOUT.code();
    }

    private void onKickedOut(ServerMessage.KickedOut kicked) {
        if (kicked.code() == ErrorCode.ROOM_SERVER_SHUTDOWN.code()
                || kicked.code() == ErrorCode.ROOM_HEARTBEAT_TIMEOUT.code()) {
            sessionId = null; // the server no longer holds it; the coming close leads to a re-login
            return;
        }
        end(RoomStateChangedReason.KICK_OUT, kicked.code());
    }

    @Override
    public void onClosed(SignalingConnection from, int code, String reason) {
        if (from != connection) {
            return;
        }
        connection = null;
        requests.failAll(ErrorCode.ENGINE_SERVER_UNREACHABLE);
        stopHeartbeat();
        switch (phase) {
            case LOGGING_IN -> end(RoomStateChangedReason.LOGIN_FAILED, ErrorCode.ENGINE_SERVER_UNREACHABLE.code());
            case CONNECTED -> {
                LOG.info("room {}: connection lost ({} {}); reconnecting", roomId, code, reason);
                phase = Phase.RECONNECTING;
                backoff.begin(System.nanoTime());
                emitState(RoomStateChangedReason.RECONNECTING, ErrorCode.ENGINE_SERVER_UNREACHABLE.code());
                publications.onRoomReconnecting();
                scheduleReconnect();
            }
            case RECONNECTING -> scheduleReconnect();
            case ENDED -> { }
        }
    }

    private void scheduleReconnect() {
        long delay = backoff.nextDelayMillis(System.nanoTime());
        if (delay < 0) {
            end(RoomStateChangedReason.RECONNECT_FAILED, ErrorCode.ROOM_RECONNECT_FAILED.code());
            return;
        }
        reconnect = engine.loop().schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void startHeartbeat() {
        stopHeartbeat();
        heartbeat = engine.loop().scheduleWithFixedDelay(this::heartbeat, heartbeatMillis, heartbeatMillis,
                TimeUnit.MILLISECONDS);
    }

    private void stopHeartbeat() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
            heartbeat = null;
        }
    }

    private void heartbeat() {
        if (phase != Phase.CONNECTED || connection == null) {
            return;
        }
        long silentMillis = (System.nanoTime() - lastHeardNanos) / 1_000_000;
        if (silentMillis > 2 * heartbeatMillis + 1000) {
            LOG.info("room {}: server silent for {} ms; reconnecting", roomId, silentMillis);
            connection.abort();
            return;
        }
        request(new ClientMessage.Heartbeat(engine.nextRequestId()), reply -> { });
    }

    /**
     * Offers the server a new token: at once when connected, otherwise once the session is back
     * (a resumed session gets it as a renewal, a new login presents it). A refusal keeps the
     * current token and reaches the app as onRoomTokenRenewFailed.
     */
    void renewToken(String newToken) {
        renewal = newToken;
        if (phase == Phase.CONNECTED) {
            sendRenewal();
        }
    }

    private void sendRenewal() {
        String offered = renewal;
        if (offered == null || phase != Phase.CONNECTED) {
            return;
        }
        request(new ClientMessage.RenewToken(engine.nextRequestId(), offered), reply -> {
            if (phase == Phase.ENDED || connectionTrouble(reply.code())) {
                return; // still pending: offered again once the session is back
            }
            if (renewal == offered) {
                renewal = null;
            }
            if (reply.code() == 0) {
                token = offered;
                return;
            }
            LOG.warn("room {}: token renewal refused with {}: {}", roomId, reply.code(),
                    reply instanceof ServerMessage.Ack ack ? ack.message() : "");
            engine.callbacks().emit(h -> h.onRoomTokenRenewFailed(roomId, reply.code()));
        });
    }

    /**
     * Leaves the room: reports LOGOUT at once, tells the server, and hands the connection (or
     * null) to {@code flushed} once the server has answered or after a short wait.
     */
    void logout(Consumer<SignalingConnection> flushed) {
        if (phase == Phase.ENDED) {
            flushed.accept(connection);
            return;
        }
        Phase before = phase;
        finish(RoomStateChangedReason.LOGOUT, 0, ErrorCode.ROOM_LOGIN_CANCELLED.code());
        SignalingConnection current = connection;
        if (before != Phase.CONNECTED || current == null) {
            if (current != null) {
                current.close();
            }
            flushed.accept(current);
            return;
        }
        boolean[] done = {false};
        Runnable close = () -> {
            if (!done[0]) {
                done[0] = true;
                current.close();
                flushed.accept(current);
            }
        };
        request(new ClientMessage.Logout(engine.nextRequestId()), reply -> close.run());
        engine.loop().schedule(close, 2, TimeUnit.SECONDS);
    }

    private void end(RoomStateChangedReason reason, int code) {
        if (phase == Phase.ENDED) {
            return;
        }
        finish(reason, code, code);
        if (connection != null) {
            connection.close();
        }
    }

    private void finish(RoomStateChangedReason reason, int code, int loginCode) {
        phase = Phase.ENDED;
        stopHeartbeat();
        if (reconnect != null) {
            reconnect.cancel(false);
        }
        events.close();
        publications.onRoomEnded(code);
        media.close(code);
        answerLogin(loginCode);
        emitState(reason, code);
        engine.sessionEnded(this);
    }

    private void answerLogin(int code) {
        if (!loginAnswered) {
            loginAnswered = true;
            if (loginCallback != null) {
                engine.callbacks().run(() -> loginCallback.onLoginResult(code, "{}"));
            }
        }
    }

    private void emitState(RoomStateChangedReason reason, int code) {
        // the reason first, then the state it leads to (RECONNECT_FAILED, then DISCONNECTED)
        engine.callbacks().emit(h -> {
            h.onRoomStateChanged(roomId, reason, code, "{}");
            h.onRoomStateUpdate(roomId, reason.state(), code, "{}");
        });
    }

    boolean connected() {
        return phase == Phase.CONNECTED && connection != null;
    }

    List<User> knownUsers() {
        return new ArrayList<>(events.roster().users());
    }
}
