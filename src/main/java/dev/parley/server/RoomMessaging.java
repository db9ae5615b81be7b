package dev.parley.server;

import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Limits;
import dev.parley.protocol.Normalization;
import dev.parley.protocol.RoomExtraInfo;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.Validation;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Messages within a room: broadcast messages (rate limited), custom commands to named users, and
 * room extra info.
 *
 * <p>Not thread-safe; used on the server's core thread only.
 */
final class RoomMessaging {
    private final PushDelivery delivery;
    private final Clock clock;

    RoomMessaging(PushDelivery delivery, Clock clock) {
        this.delivery = delivery;
        this.clock = clock;
    }

    /** Returns the message ID given to the broadcast, or the refusal. */
    ServerMessage.Reply broadcast(Session session, ClientMessage.SendBroadcast request) {
        Optional<ErrorCode> invalid = Validation.message(request.message());
        if (invalid.isPresent()) {
            return ServerMessage.Ack.error(request.id(), invalid.get());
        }
        long now = clock.millis();
        Room room = session.room();
        // both limits are checked before either is charged, so a refusal costs the user nothing
        if (!session.broadcastRate().allows(now) || !room.broadcastRate().allows(now)) {
            return ServerMessage.Ack.error(request.id(), ErrorCode.MESSAGE_RATE_LIMITED);
        }
        session.broadcastRate().record(now);
        room.broadcastRate().record(now);
        long messageId = room.nextMessageId();
        delivery.deliver(room, new Audience.EveryoneBut(session.user().userId()),
                seq -> new ServerMessage.BroadcastReceived(room.roomId(), seq, messageId, session.user(),
                        request.message(), now));
        return new ServerMessage.BroadcastSent(request.id(), 0, messageId);
    }

    ErrorCode customCommand(Session session, ClientMessage.SendCustomCommand request) {
        Optional<ErrorCode> invalid = Validation.message(request.command());
        if (invalid.isPresent()) {
            return invalid.get();
        }
        if (request.toUserIds().size() > Limits.MAX_COMMAND_RECIPIENTS) {
            return ErrorCode.MESSAGE_TOO_MANY_RECIPIENTS;
        }
        Room room = session.room();
        Set<String> recipients = new LinkedHashSet<>();
        for (String named : request.toUserIds()) {
            String userId = Normalization.nfc(named);
            if (userId != null && !userId.equals(session.user().userId()) && room.members().containsKey(userId)) {
                recipients.add(userId);
            }
        }
        if (recipients.isEmpty()) {
            return ErrorCode.MESSAGE_NO_RECIPIENT;
        }
        delivery.deliver(room, new Audience.Only(recipients),
                seq -> new ServerMessage.CustomCommandReceived(room.roomId(), seq, session.user(), request.command()));
        return ErrorCode.SUCCESS;
    }

    ErrorCode setRoomExtraInfo(Session session, ClientMessage.SetRoomExtraInfo request) {
        Optional<ErrorCode> invalid = Validation.roomExtraInfo(request.key(), request.value());
        if (invalid.isPresent()) {
            return invalid.get();
        }
        Room room = session.room();
        if (!room.extraInfo().containsKey(request.key()) && room.extraInfo().size() >= 16) {
            return ErrorCode.ROOM_EXTRA_INFO_INVALID;
        }
        RoomExtraInfo info = new RoomExtraInfo(request.key(), request.value(), session.user(), clock.millis());
        room.extraInfo().put(info.key(), info);
        delivery.deliver(room, new Audience.EveryoneBut(session.user().userId()),
                seq -> new ServerMessage.RoomExtraInfoUpdate(room.roomId(), seq, List.of(info)));
        return ErrorCode.SUCCESS;
    }
}
