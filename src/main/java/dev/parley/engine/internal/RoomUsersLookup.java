package dev.parley.engine.internal;

import dev.parley.engine.RoomUsersCallback;
import dev.parley.protocol.AppSignProof;
import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MessageCodec;
import dev.parley.protocol.ServerMessage;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One {@code queryRoomUsers}: its own signaling connection, opened for the question and closed
 * after the answer, a failure, the request timeout, or the engine's destroy. The callback runs
 * exactly once.
 *
 * <p>Not thread-safe; every method runs on the engine loop.
 */
final class RoomUsersLookup implements SignalingConnection.Listener {
    private final EngineContext engine;
    private final String roomId;
    private final String userId;
    private final String token;
    private final RoomUsersCallback callback;
    private final Consumer<RoomUsersLookup> onDone;
    private SignalingConnection connection;
    private ScheduledFuture<?> timeout;
    private long requestId;
    private boolean done;

    RoomUsersLookup(EngineContext engine, String roomId, String userId, String token, RoomUsersCallback callback,
                    Consumer<RoomUsersLookup> onDone) {
        this.engine = engine;
        this.roomId = roomId;
        this.userId = userId;
        this.token = token;
        this.callback = callback;
        this.onDone = onDone;
    }

    void start() {
        connection = new SignalingConnection(URI.create(engine.profile().serverUrl()), engine.profile().sslContext(),
                (int) engine.profile().requestTimeout().toMillis(), engine.codec(), engine.loop(), this);
        timeout = engine.loop().schedule(() -> finish(ErrorCode.COMMON_REQUEST_TIMEOUT.code(), List.of(), false),
                engine.profile().requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        connection.open();
    }

    @Override
    public void onMessage(SignalingConnection from, ServerMessage message) {
        if (done || from != connection) {
            return;
        }
        if (message instanceof ServerMessage.Welcome welcome) {
            requestId = engine.nextRequestId();
            AppSignProof proof = token == null
                    ? AppSignProof.sign(engine.profile().appSign(), engine.profile().appID(), userId, welcome.nonce(),
                    System.currentTimeMillis())
                    : null;
            connection.send(new ClientMessage.QueryRoomUsers(requestId, MessageCodec.PROTOCOL_VERSION,
                    engine.profile().appID(), roomId, userId, token, proof));
        } else if (message instanceof ServerMessage.RoomUsers users && users.id() == requestId) {
            finish(0, users.userIds(), users.userIdInUse());
        } else if (message instanceof ServerMessage.Reply reply && reply.id() == requestId && reply.code() != 0) {
            finish(reply.code(), List.of(), false);
        }
    }

    @Override
    public void onClosed(SignalingConnection from, int code, String reason) {
        if (from == connection) {
            finish(ErrorCode.ENGINE_SERVER_UNREACHABLE.code(), List.of(), false);
        }
    }

    /** The engine is being destroyed: answers ENGINE_DESTROYED and waits for the socket threads. */
    void cancel() {
        SignalingConnection open = connection;
        finish(ErrorCode.ENGINE_DESTROYED.code(), List.of(), false);
        if (open != null) {
            open.closeAndAwait(1000);
        }
    }

    private void finish(int code, List<String> userIds, boolean inUse) {
        if (done) {
            return;
        }
        done = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (connection != null) {
            connection.close();
        }
        List<String> ids = List.copyOf(userIds);
        engine.callbacks().run(() -> callback.onRoomUsersResult(code, ids, inUse));
        onDone.accept(this);
    }
}
