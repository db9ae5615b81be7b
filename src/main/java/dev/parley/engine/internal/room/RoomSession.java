package dev.parley.engine.internal.room;

import dev.parley.engine.BroadcastMessageCallback;
import dev.parley.engine.Canvas;
import dev.parley.engine.EngineProfile;
import dev.parley.engine.LoginCallback;
import dev.parley.engine.PublishChannel;
import dev.parley.engine.ResultCallback;
import dev.parley.engine.RoomConfig;
import dev.parley.engine.RoomStateChangedReason;
import dev.parley.engine.Stream;
import dev.parley.engine.UpdateType;
import dev.parley.engine.User;
import dev.parley.engine.internal.core.CallbackDispatcher;
import dev.parley.engine.internal.core.Cancellable;
import dev.parley.engine.internal.core.Scheduler;
import dev.parley.engine.internal.media.RoomMedia;
import dev.parley.engine.internal.media.RoomPort;
import dev.parley.engine.internal.signaling.PendingRequests;
import dev.parley.engine.internal.signaling.ServerConnection;
import dev.parley.engine.internal.signaling.ServerMessageHandler;
import dev.parley.engine.internal.signaling.ServerMessages;
import dev.parley.protocol.AppSignProof;
import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MediaMode;
import dev.parley.protocol.MessageCodec;
import dev.parley.protocol.PlayLayer;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.SignalKind;
import dev.parley.protocol.StreamInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This client's membership of one room, from loginRoom to its end: the connection to the server,
 * login, heartbeats, and reconnection (resume when the server still holds the session, a full
 * re-login when it does not), following the server's nodes ({@link ServerTargets}: redirects to the
 * room's node, drain and moved notices, the profile's other server URLs when one is down), with the room's events ({@link RoomEvents}), this client's
 * publications ({@link Publications}), its messages, and the room's media ({@link RoomMedia}).
 *
 * <p>Engine loop only: every method checks that it runs there. One instance per loginRoom.
 */
public final class RoomSession implements ServerConnection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(RoomSession.class);
    /** How long a logout waits for the server's answer before it closes the connection anyway. */
    static final long LOGOUT_WAIT_MILLIS = 2000;
    /** How long a login waits before it asks again after the node a redirect named could not be reached. */
    static final long REDIRECT_RETRY_MILLIS = 1000;
    /** Redirects to a node that cannot be reached that a first login bears (a killed node is named for 3 s). */
    static final int MAX_DEAD_REDIRECTS_IN_LOGIN = 3;

    enum Phase { LOGGING_IN, CONNECTED, RECONNECTING, ENDED }

    /** Why the server said it ends the session before the connection closes (0 for no notice); reported with RECONNECTING. */
    private int noticeCode;

    private final RoomServices services;
    private final EngineProfile profile;
    private final Scheduler loop;
    private final CallbackDispatcher callbacks;
    private final String roomId;
    private final User user;
    private final RoomConfig config;
    private final LoginCallback loginCallback;
    private final Consumer<RoomSession> onEnded;
    private final Outbox outbox = new SessionOutbox();
    private final PendingRequests requests;
    private final ReconnectBackoff backoff;
    private final RoomMedia media;
    private final RoomEvents events;
    private final Publications publications;
    private final RoomMessages messages;
    private final Inbound inbound = new Inbound();
    /** The token the next login presents: the newest one the server accepted or that no server has seen yet. */
    private String token;
    /** A token given to renewToken that the server has not answered yet, or null. */
    private String renewal;
    /** The token the login in flight presents. */
    private String loginToken;
    private Phase phase;
    private ServerConnection connection;
    private String nonce;
    private String sessionId;
    private long heartbeatMillis = 5000;
    private long lastHeardNanos;
    private boolean loginAnswered;
    private Cancellable heartbeat;
    private Cancellable reconnect;
    private final ServerTargets targets;
    /** A drain or moved notice named the node to go to: connect there at once, without backoff. */
    private boolean moveNow;
    /** Listed servers the first login has not tried yet, the current one included. */
    private int loginAttemptsLeft;
    private int deadRedirectsInLogin;

    /** @param onEnded told once when the session ends, by itself or by logout; the engine may then log in again */
    public RoomSession(RoomServices services, String roomId, User user, RoomConfig config, LoginCallback loginCallback,
                       Consumer<RoomSession> onEnded) {
        this.services = services;
        this.profile = services.profile();
        this.loop = services.loop();
        this.callbacks = services.callbacks();
        this.roomId = roomId;
        this.user = user;
        this.config = config;
        this.loginCallback = loginCallback;
        this.onEnded = onEnded;
        this.token = config.token();
        this.requests = new PendingRequests(loop, profile.requestTimeout());
        this.backoff = new ReconnectBackoff(profile.reconnectBackoffCap(), profile.reconnectWindow());
        this.targets = new ServerTargets(profile.serverUrls());
        this.loginAttemptsLeft = targets.listedCount();
        this.media = services.media().openRoom(new MediaPort());
        this.events = new RoomEvents(callbacks, loop, profile.resyncGrace(), roomId, user, config.isUserStatusNotify(),
                (type, streams) -> {
                    if (type == UpdateType.ADD) {
                        media.onStreamsAdded(streams);
                    } else {
                        media.onStreamsDeleted(streams);
                    }
                });
        this.publications = new Publications(outbox, callbacks, services.media(), media, Conversions.userInfo(user));
        this.messages = new RoomMessages(outbox, callbacks, () -> new ArrayList<>(events.roster().users()));
    }

    public String roomId() {
        return roomId;
    }

    Phase phase() {
        return phase;
    }

    /** Whether the session is logged in and its connection is up. */
    public boolean connected() {
        loop.confinement().check();
        return phase == Phase.CONNECTED && connection != null;
    }

    /** Reports LOGINING and starts connecting. */
    public void start() {
        start(true);
    }

    /**
     * Starts logging in; {@code announce} false when the caller has reported LOGINING already (a
     * switchRoom reports it before the old room's LOGOUT).
     */
    public void start(boolean announce) {
        loop.confinement().check();
        phase = Phase.LOGGING_IN;
        if (announce) {
            emitState(RoomStateChangedReason.LOGINING, 0);
        }
        connect();
    }

    /** What a publication carried to another room needs: an opaque handle for {@link #takeOver}. */
    public static final class Carried {
        private final List<Publications.Carried> publications;

        private Carried(List<Publications.Carried> publications) {
            this.publications = publications;
        }
    }

    /** For switchRoom: takes this room's publications out, without NO_PUBLISH, to start in the next room. */
    public Carried handOverPublications() {
        loop.confinement().check();
        return new Carried(publications.handOver());
    }

    /** For switchRoom: publishes what the previous room handed over, as soon as this room is logged in. */
    public void takeOver(Carried carried) {
        loop.confinement().check();
        carried.publications.forEach(publications::takeOver);
    }

    public User user() {
        return user;
    }

    public RoomConfig config() {
        return config;
    }

    // ---- what the engine asks of the room ----

    public void startPublishing(String streamId, PublishChannel channel) {
        loop.confinement().check();
        publications.start(streamId, channel);
    }

    public void stopPublishing(PublishChannel channel) {
        loop.confinement().check();
        publications.stop(channel);
    }

    public void setStreamExtraInfo(String extraInfo, PublishChannel channel, ResultCallback callback) {
        loop.confinement().check();
        publications.setExtraInfo(extraInfo, channel, callback);
    }

    /** Tells the room that this client's audio or video was turned off or on. */
    public void announceMedia() {
        loop.confinement().check();
        publications.announceMedia();
    }

    public void startPlaying(String streamId, Canvas canvas, PlayLayer layer) {
        loop.confinement().check();
        media.startPlaying(streamId, canvas, layer);
    }

    /** Chooses the simulcast layer of a stream played here (SFU rooms). */
    public void setPlayLayer(String streamId, PlayLayer layer) {
        loop.confinement().check();
        media.setPlayLayer(streamId, layer);
    }

    public void stopPlaying(String streamId) {
        loop.confinement().check();
        media.stopPlaying(streamId);
    }

    public void setRoomExtraInfo(String key, String value, ResultCallback callback) {
        loop.confinement().check();
        messages.setRoomExtraInfo(key, value, callback);
    }

    public void sendBroadcast(String message, BroadcastMessageCallback callback) {
        loop.confinement().check();
        messages.broadcast(message, callback);
    }

    /** Sends to the named users, or to everyone else this client knows of when none are named. */
    public void sendCustomCommand(String command, List<User> named, ResultCallback callback) {
        loop.confinement().check();
        messages.customCommand(command, named, callback);
    }

    // ---- the connection ----

    private void connect() {
        reconnect = null;
        lastHeardNanos = loop.nanoTime();
        URI target = targets.current();
        ServerConnection attempt = services.connector().connect(target, this);
        connection = attempt;
        loop.schedule(() -> {
            if (connection == attempt && phase != Phase.CONNECTED && phase != Phase.ENDED) {
                LOG.info("room {}: no answer from {}; retrying", roomId, target);
                attempt.abort();
            }
        }, profile.requestTimeout().toMillis());
    }

    /** Sends a request on the current connection and routes its reply, or an error, to {@code onReply}. */
    private void request(ClientMessage message, Consumer<ServerMessage.Reply> onReply) {
        if (connection == null) {
            onReply.accept(ServerMessage.Ack.error(message.id(), ErrorCode.ENGINE_SERVER_UNREACHABLE));
            return;
        }
        requests.track(message.id(), onReply);
        connection.send(message);
    }

    @Override
    public void onMessage(ServerConnection from, ServerMessage message) {
        loop.confinement().check();
        if (from != connection) {
            return;
        }
        lastHeardNanos = loop.nanoTime();
        ServerMessages.dispatch(message, inbound);
    }

    /** What the server sends, by kind; pushes resumed after a reconnect come this way too. */
    private final class Inbound implements ServerMessageHandler {
        @Override
        public void onWelcome(ServerMessage.Welcome welcome) {
            nonce = welcome.nonce();
            if (phase == Phase.ENDED) {
                return;
            }
            if (sessionId != null) {
                request(new ClientMessage.Resume(services.requestIds().next(), sessionId, events.lastSeq()),
                        RoomSession.this::onResumeReply);
            } else {
                sendLogin();
            }
        }

        @Override
        public void onReply(ServerMessage.Reply reply) {
            requests.complete(reply);
        }

        @Override
        public void onKickedOut(ServerMessage.KickedOut push) {
            RoomSession.this.onKickedOut(push);
        }

        @Override
        public void onSignalReceived(ServerMessage.SignalReceived push) {
            if (phase == Phase.ENDED) {
                return;
            }
            events.fresh(push);
            if (phase == Phase.CONNECTED) {
                media.onSignal(push.streamId(), push.fromUserId(), push.kind(), push.payload());
            }
        }

        @Override
        public void onUserUpdate(ServerMessage.UserUpdate push) {
            if (live(push)) {
                events.onUserUpdate(push);
            }
        }

        @Override
        public void onStreamUpdate(ServerMessage.StreamUpdate push) {
            if (live(push)) {
                events.onStreamUpdate(push);
            }
        }

        @Override
        public void onStreamExtraInfoUpdate(ServerMessage.StreamExtraInfoUpdate push) {
            if (live(push)) {
                events.onStreamExtraInfoUpdate(push);
            }
        }

        @Override
        public void onStreamMediaUpdate(ServerMessage.StreamMediaUpdate push) {
            if (live(push)) {
                events.onStreamMediaUpdate(push);
            }
        }

        @Override
        public void onRoomExtraInfoUpdate(ServerMessage.RoomExtraInfoUpdate push) {
            if (live(push)) {
                events.onRoomExtraInfoUpdate(push);
            }
        }

        @Override
        public void onBroadcastReceived(ServerMessage.BroadcastReceived push) {
            if (live(push)) {
                events.onBroadcastReceived(push);
            }
        }

        @Override
        public void onCustomCommandReceived(ServerMessage.CustomCommandReceived push) {
            if (live(push)) {
                events.onCustomCommandReceived(push);
            }
        }

        @Override
        public void onIceServersUpdate(ServerMessage.IceServersUpdate push) {
            // sent to this client alone before its TURN credentials lapse; new connections use the new ones
            if (phase != Phase.ENDED) {
                media.iceServers(push.iceServers());
            }
        }

        @Override
        public void onTokenWillExpire(ServerMessage.TokenWillExpire push) {
            if (live(push)) {
                events.onTokenWillExpire(push);
            }
        }

        /** Whether a room event is to be reported: the session goes on and the push was not seen before a resume. */
        private boolean live(ServerMessage.Push push) {
            return phase != Phase.ENDED && events.fresh(push);
        }
    }

    private void sendLogin() {
        loginToken = renewal != null ? renewal : token;
        AppSignProof proof = loginToken == null
                ? AppSignProof.sign(profile.appSign(), profile.appID(), user.userID(), nonce, loop.currentTimeMillis())
                : null;
        List<StreamInfo> streams = phase == Phase.RECONNECTING ? publications.toReRegister() : List.of();
        request(new ClientMessage.Login(services.requestIds().next(), MessageCodec.PROTOCOL_VERSION, profile.appID(),
                roomId, Conversions.userInfo(user), config.isUserStatusNotify(), config.maxMemberCount(), loginToken, proof,
                streams), this::onLoginReply);
    }

    private void onLoginReply(ServerMessage.Reply reply) {
        if (phase == Phase.ENDED) {
            return;
        }
        if (reply instanceof ServerMessage.LoginAccepted accepted) {
            onLoggedIn(accepted);
        } else if (reply instanceof ServerMessage.Redirect redirect) {
            followRedirect(redirect);
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
        targets.connected();
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
        MediaMode mode = accepted.mediaMode() == null ? MediaMode.MESH : accepted.mediaMode();
        media.mediaMode(mode);
        publications.mediaMode(mode);
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
            targets.connected();
            // TURN credentials are minted anew at each resume
            media.iceServers(resumed.iceServers());
            startHeartbeat();
            emitState(RoomStateChangedReason.RECONNECTED, 0);
            for (ServerMessage.Push push : resumed.missed()) {
                ServerMessages.dispatch(push, inbound);
            }
            publications.onRoomResumed();
            media.onRoomConnected();
            sendRenewal();
        } else if (reply instanceof ServerMessage.Redirect redirect) {
            followRedirect(redirect);
        } else if (!connectionTrouble(reply.code())) {
            LOG.info("room {}: session not resumable ({}); logging in again", roomId, reply.code());
            sessionId = null;
            sendLogin();
        }
    }

    /**
     * The node does not hold the room (or, for a resume, the session) and names the one that does:
     * the same request goes there on a new connection, after its welcome. Nothing happened on this
     * node, so the app hears nothing of it. One redirect too many fails a first login; a session
     * that is reconnecting backs off and tries again.
     */
    private void followRedirect(ServerMessage.Redirect redirect) {
        ServerConnection here = connection;
        if (targets.redirect(redirect.url())) {
            LOG.info("room {}: redirected to {}", roomId, redirect.url());
            connection = null;
            if (here != null) {
                here.close();
            }
            connect();
        } else if (phase == Phase.LOGGING_IN) {
            end(RoomStateChangedReason.LOGIN_FAILED, ErrorCode.ROOM_REDIRECTED.code());
        } else if (here != null) {
            here.abort(); // the close leads to the next attempt, after the backoff
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
        boolean leavesTheNode = kicked.code() == ErrorCode.ROOM_SERVER_SHUTDOWN.code()
                || kicked.code() == ErrorCode.ROOM_MOVED.code();
        if (leavesTheNode || kicked.code() == ErrorCode.ROOM_HEARTBEAT_TIMEOUT.code()) {
            sessionId = null; // the server no longer holds it; the coming close leads to a re-login
            noticeCode = kicked.code();
            if (leavesTheNode && kicked.url() != null && targets.moveTo(kicked.url())) {
                // a drain or a moved room: the room goes on at that node, so log in there at once
                LOG.info("room {}: the server sends this client to {} ({})", roomId, kicked.url(), kicked.code());
                moveNow = true;
                if (connection != null) {
                    connection.close();
                }
            }
            return;
        }
        end(RoomStateChangedReason.KICK_OUT, kicked.code());
    }

    @Override
    public void onClosed(ServerConnection from, int code, String reason) {
        loop.confinement().check();
        if (from != connection) {
            return;
        }
        connection = null;
        requests.failAll(ErrorCode.ENGINE_SERVER_UNREACHABLE);
        stopHeartbeat();
        switch (phase) {
            case LOGGING_IN -> retryLogin();
            case CONNECTED -> {
                LOG.info("room {}: connection lost ({} {}); reconnecting", roomId, code, reason);
                phase = Phase.RECONNECTING;
                backoff.begin(loop.nanoTime());
                int why = noticeCode != 0 ? noticeCode : ErrorCode.ENGINE_SERVER_UNREACHABLE.code();
                noticeCode = 0;
                emitState(RoomStateChangedReason.RECONNECTING, why);
                publications.onRoomReconnecting();
                scheduleReconnect();
            }
            case RECONNECTING -> {
                if (!moveNow) {
                    targets.failed();
                }
                scheduleReconnect();
            }
            case ENDED -> { }
        }
    }

    /**
     * A first login's connection failed: the next listed server at once, or, when the node a
     * redirect named is gone (a killed node is still named for a few seconds), the listed one again
     * a second later; LOGIN_FAILED when each listed server has failed.
     */
    private void retryLogin() {
        if (targets.redirected() && deadRedirectsInLogin < MAX_DEAD_REDIRECTS_IN_LOGIN) {
            deadRedirectsInLogin++;
            targets.failed();
            reconnect = loop.schedule(this::connect, REDIRECT_RETRY_MILLIS);
        } else if (loginAttemptsLeft > 1) {
            loginAttemptsLeft--;
            targets.failed();
            LOG.info("room {}: trying {}", roomId, targets.current());
            connect();
        } else {
            end(RoomStateChangedReason.LOGIN_FAILED, ErrorCode.ENGINE_SERVER_UNREACHABLE.code());
        }
    }

    private void scheduleReconnect() {
        if (moveNow) {
            moveNow = false;
            reconnect = loop.schedule(this::connect, 0);
            return;
        }
        long delay = backoff.nextDelayMillis(loop.nanoTime());
        if (delay < 0) {
            end(RoomStateChangedReason.RECONNECT_FAILED, ErrorCode.ROOM_RECONNECT_FAILED.code());
            return;
        }
        reconnect = loop.schedule(this::connect, delay);
    }

    private void startHeartbeat() {
        stopHeartbeat();
        heartbeat = loop.scheduleWithFixedDelay(this::heartbeat, heartbeatMillis, heartbeatMillis);
    }

    private void stopHeartbeat() {
        if (heartbeat != null) {
            heartbeat.cancel();
            heartbeat = null;
        }
    }

    private void heartbeat() {
        if (phase != Phase.CONNECTED || connection == null) {
            return;
        }
        long silentMillis = (loop.nanoTime() - lastHeardNanos) / 1_000_000;
        if (silentMillis > 2 * heartbeatMillis + 1000) {
            LOG.info("room {}: server silent for {} ms; reconnecting", roomId, silentMillis);
            connection.abort();
            return;
        }
        request(new ClientMessage.Heartbeat(services.requestIds().next()), reply -> { });
    }

    /**
     * Offers the server a new token: at once when connected, otherwise once the session is back
     * (a resumed session gets it as a renewal, a new login presents it). A refusal keeps the
     * current token and reaches the app as onRoomTokenRenewFailed.
     */
    public void renewToken(String newToken) {
        loop.confinement().check();
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
        request(new ClientMessage.RenewToken(services.requestIds().next(), offered), reply -> {
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
            callbacks.emit(h -> h.onRoomTokenRenewFailed(roomId, reply.code()));
        });
    }

    /**
     * Leaves the room: reports LOGOUT at once, tells the server, and hands the connection (or
     * null) to {@code flushed} once the server has answered or after {@link #LOGOUT_WAIT_MILLIS}.
     */
    public void logout(Consumer<ServerConnection> flushed) {
        loop.confinement().check();
        if (phase == Phase.ENDED) {
            flushed.accept(connection);
            return;
        }
        Phase before = phase;
        finish(RoomStateChangedReason.LOGOUT, 0, ErrorCode.ROOM_LOGIN_CANCELLED.code());
        ServerConnection current = connection;
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
        request(new ClientMessage.Logout(services.requestIds().next()), reply -> close.run());
        loop.schedule(close, LOGOUT_WAIT_MILLIS);
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
            reconnect.cancel();
        }
        // the engine is free for a new login before the app hears of the end, so an app that logs in again
        // from the callback (after KICK_OUT, say) is not refused as still in the room
        onEnded.accept(this);
        events.close();
        publications.onRoomEnded(code);
        media.close(code);
        answerLogin(loginCode);
        emitState(reason, code);
    }

    private void answerLogin(int code) {
        if (!loginAnswered) {
            loginAnswered = true;
            if (loginCallback != null) {
                callbacks.run(() -> loginCallback.onLoginResult(code, "{}"));
            }
        }
    }

    private void emitState(RoomStateChangedReason reason, int code) {
        // the reason first, then the state it leads to (RECONNECT_FAILED, then DISCONNECTED)
        callbacks.emit(h -> {
            h.onRoomStateChanged(roomId, reason, code, "{}");
            h.onRoomStateUpdate(roomId, reason.state(), code, "{}");
        });
    }

    /** The session's requests go out on its current connection. */
    private final class SessionOutbox implements Outbox {
        @Override
        public boolean connected() {
            return RoomSession.this.connected();
        }

        @Override
        public long nextRequestId() {
            return services.requestIds().next();
        }

        @Override
        public void request(ClientMessage message, Consumer<ServerMessage.Reply> onReply) {
            RoomSession.this.request(message, onReply);
        }
    }

    /** What the room's media asks of the session. */
    private final class MediaPort implements RoomPort {
        @Override
        public boolean connected() {
            return RoomSession.this.connected();
        }

        @Override
        public String publisherOf(String streamId) {
            for (Stream s : events.roster().streams()) {
                if (s.streamID().equals(streamId)) {
                    return s.user().userID();
                }
            }
            return null;
        }

        @Override
        public List<String> publishedStreamIds() {
            return publications.registeredStreamIds();
        }

        @Override
        public PublishChannel registeredChannel(String streamId) {
            return publications.isRegistered(streamId) ? publications.channelOf(streamId) : null;
        }

        @Override
        public void relay(String streamId, String toUserId, SignalKind kind, String payload, IntConsumer onCode) {
            request(new ClientMessage.RelaySignal(services.requestIds().next(), streamId, toUserId, kind, payload),
                    reply -> onCode.accept(reply.code()));
        }

        @Override
        public void publicationAccepted(String streamId) {
            publications.onMediaAccepted(streamId);
        }

        @Override
        public void publicationInterrupted(String streamId, int code) {
            publications.onMediaInterrupted(streamId, code);
        }

        @Override
        public void setPlayLayer(String streamId, PlayLayer layer) {
            if (connected()) {
                request(new ClientMessage.SetPlayLayer(services.requestIds().next(), streamId, layer), reply -> {
                    if (reply.code() != 0) {
                        LOG.debug("room {}: layer {} for {} refused: {}", roomId, layer, streamId, reply.code());
                    }
                });
            }
        }
    }
}
