package dev.parley.server;

import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MessageCodec;
import dev.parley.protocol.Normalization;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.Validation;
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

    RoomUsersQuery(RoomDirectory directory, Authenticator authenticator, Clock clock) {
        this.directory = directory;
        this.authenticator = authenticator;
        this.clock = clock;
    }

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
        Room room = directory.room(query.appId(), roomId);
        List<String> userIds = room == null ? List.of() : new ArrayList<>(room.members().keySet());
        boolean inUse = directory.sessionOfUser(query.appId(), userId) != null;
        return new ServerMessage.RoomUsers(query.id(), 0, roomId, userIds, inUse);
    }

    private static Optional<ErrorCode> check(int protocolVersion, String roomId, String userId) {
        if (protocolVersion != MessageCodec.PROTOCOL_VERSION) {
            return Optional.of(ErrorCode.COMMON_UNSUPPORTED_PROTOCOL);
        }
        return Validation.roomId(roomId).or(() -> Validation.userId(userId));
    }
}
