package dev.parley.engine.internal.room;

import dev.parley.engine.RoomUsersCallback;
import dev.parley.engine.internal.core.Cancellable;
import dev.parley.engine.internal.signaling.ServerConnection;
import dev.parley.protocol.AppSignProof;
import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MessageCodec;
import dev.parley.protocol.ServerMessage;
import java.util.List;
import java.util.function.Consumer;

/**
 * One {@code queryRoomUsers}: its own connection to the server, opened for the question and closed
 * after the answer, a failure, the request timeout, or the engine's destroy. A node that does not
 * hold the room redirects the question to the one that does, on a new connection; a listed server
 * that cannot be reached gives way to the next one. The callback runs
 * exactly once, on the callback executor.
 *
 * <p>Engine loop only (every method checks it). Lives from {@link #start()} to its answer.
 */
public final class RoomUsersLookup implements ServerConnection.Listener {
    private final RoomServices services;
    private final String roomId;
    private final String userId;
    private final String token;
    private final RoomUsersCallback callback;
    private final Consumer<RoomUsersLookup> onDone;
    private ServerConnection connection;
    private Cancellable timeout;
    private long requestId;
    private boolean done;
    private final ServerTargets targets;
    private int attemptsLeft;
    private int deadRedirects;

    /** {@code roomId} and {@code userId} in NFC, as the server compares them. */
    public RoomUsersLookup(RoomServices services, String roomId, String userId, String token, RoomUsersCallback callback,
                           Consumer<RoomUsersLookup> onDone) {
        this.services = services;
        this.roomId = roomId;
        this.userId = userId;
        this.token = token;
        this.callback = callback;
        this.onDone = onDone;
        this.targets = new ServerTargets(services.profile().serverUrls());
        this.attemptsLeft = targets.listedCount();
    }

    public void start() {
        services.loop().confinement().check();
        timeout = services.loop().schedule(() -> finish(ErrorCode.COMMON_REQUEST_TIMEOUT.code(), List.of(), false),
                services.profile().requestTimeout().toMillis());
        connection = services.connector().connect(targets.current(), this);
    }

    @Override
    public void onMessage(ServerConnection from, ServerMessage message) {
        services.loop().confinement().check();
        if (done || from != connection) {
            return;
        }
        if (message instanceof ServerMessage.Welcome welcome) {
            requestId = services.requestIds().next();
            AppSignProof proof = token == null
                    ? AppSignProof.sign(services.profile().appSign(), services.profile().appID(), userId, welcome.nonce(),
                    services.loop().currentTimeMillis())
                    : null;
            connection.send(new ClientMessage.QueryRoomUsers(requestId, MessageCodec.PROTOCOL_VERSION,
                    services.profile().appID(), roomId, userId, token, proof));
        } else if (message instanceof ServerMessage.RoomUsers users && users.id() == requestId) {
            finish(0, users.userIds(), users.userIdInUse());
        } else if (message instanceof ServerMessage.Redirect redirect && redirect.id() == requestId) {
            if (!targets.redirect(redirect.url())) {
                finish(redirect.code(), List.of(), false);
                return;
            }
            ServerConnection here = connection;
            connection = services.connector().connect(targets.current(), this);
            here.close();
        } else if (message instanceof ServerMessage.Reply reply && reply.id() == requestId && reply.code() != 0) {
            finish(reply.code(), List.of(), false);
        }
    }

    @Override
    public void onClosed(ServerConnection from, int code, String reason) {
        services.loop().confinement().check();
        if (from != connection || done) {
            return;
        }
        boolean retry = targets.redirected() ? deadRedirects++ < RoomSession.MAX_DEAD_REDIRECTS_IN_LOGIN
                : attemptsLeft-- > 1;
        if (retry) {
            targets.failed();
            connection = services.connector().connect(targets.current(), this);
        } else {
            finish(ErrorCode.ENGINE_SERVER_UNREACHABLE.code(), List.of(), false);
        }
    }

    /** The engine is being destroyed: answers ENGINE_DESTROYED and waits for the socket's threads. */
    public void cancel() {
        services.loop().confinement().check();
        ServerConnection open = connection;
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
            timeout.cancel();
        }
        if (connection != null) {
            connection.close();
        }
        List<String> ids = List.copyOf(userIds);
        services.callbacks().run(() -> callback.onRoomUsersResult(code, ids, inUse));
        onDone.accept(this);
    }
}
