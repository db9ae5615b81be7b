package dev.parley.server;

import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MessageCodec;
import dev.parley.protocol.Normalization;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.Validation;
import dev.parley.server.cluster.Cluster;
import dev.parley.server.cluster.RoomKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers {@link ClientMessage.QueryRoomUsers}: who is in one room of one app, and whether the
 * asking user ID has a session in that app. The asker authenticates exactly as for a login of that
 * user to that room (a token for another room is refused), so it learns nothing it could not learn
 * by logging in, and nothing about other rooms.
 *
 * <p>Not thread-safe; used on the server's core thread only.
 */
final class RoomUsersQuery {
    private final RoomDirectory directory;
    private final Authenticator authenticator;
    private final Clock clock;
    private final Cluster cluster;
    private final PushDelivery delivery;

    RoomUsersQuery(RoomDirectory directory, Authenticator authenticator, Clock clock, Cluster cluster,
                   PushDelivery delivery) {
        this.directory = directory;
        this.authenticator = authenticator;
        this.clock = clock;
        this.cluster = cluster;
        this.delivery = delivery;
    }

    /**
     * Answers the query; with other nodes, once they have answered (null is returned and the reply
     * goes to the connection then): a room held by another node is a {@link ServerMessage.Redirect}
     * there, and a user with a session on another node is in use.
     */
    ServerMessage.Reply answer(ClientConnection connection, ClientMessage.QueryRoomUsers query) {
        // the same spelling rules as a login: IDs are compared in NFC
        String roomId = Normalization.nfc(query.roomId());
        String userId = Normalization.nfc(query.userId());
        Optional<ErrorCode> refusal = check(query.protocolVersion(), roomId, userId);
        if (refusal.isEmpty()) {
            Authenticator.Result auth = authenticator.query(query, userId, roomId, connection.nonce(), clock.millis());
            refusal = Optional.ofNullable(auth.error());
        }
        if (refusal.isPresent()) {
            return ServerMessage.Ack.error(query.id(), refusal.get());
        }
        if (!cluster.shared()) {
            return local(query.id(), query.appId(), roomId, userId, false);
        }
        cluster.lookup(new RoomKey(query.appId(), roomId), userId, found -> {
            boolean here = directory.room(query.appId(), roomId) != null;
            delivery.reply(connection, !here && found.ownerUrl() != null
                    ? ServerMessage.Redirect.to(query.id(), found.ownerUrl())
                    : local(query.id(), query.appId(), roomId, userId, found.userElsewhere()));
        });
        return null;
    }

    private ServerMessage.Reply local(long id, long appId, String roomId, String userId, boolean userElsewhere) {
        Room room = directory.room(appId, roomId);
        List<String> userIds = room == null ? List.of() : new ArrayList<>(room.members().keySet());
        boolean inUse = userElsewhere || directory.sessionOfUser(appId, userId) != null;
        return new ServerMessage.RoomUsers(id, 0, roomId, userIds, inUse);
    }

    private static Optional<ErrorCode> check(int protocolVersion, String roomId, String userId) {
        if (protocolVersion != MessageCodec.PROTOCOL_VERSION) {
            return Optional.of(ErrorCode.COMMON_UNSUPPORTED_PROTOCOL);
        }
        return Validation.roomId(roomId).or(() -> Validation.userId(userId));
    }
}
