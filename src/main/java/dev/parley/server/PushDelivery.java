package dev.parley.server;

import dev.parley.protocol.MessageCodec;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.ServerMessage.Push;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Sends a room's pushes: stamps the room sequence number, records the push in the room history,
 * encodes it once and sends it to the attached members of its audience.
 *
 * <p>Not thread-safe; used on the server's core thread only.
 */
final class PushDelivery {
    private final MessageCodec codec;
    private final Outbound outbound;

    PushDelivery(MessageCodec codec, Outbound outbound) {
        this.codec = codec;
        this.outbound = outbound;
    }

    /** Stamps the next sequence number of {@code room} into the push {@code make} builds, and delivers it. */
    Push deliver(Room room, Audience audience, LongFunction<Push> make) {
        Push push = make.apply(room.nextSeq());
        room.history().add(push, audience);
        List<ClientConnection> targets = new ArrayList<>();
        for (Session member : room.sessions()) {
            if (member.connection() != null && audience.includes(member)) {
                targets.add(member.connection());
            }
        }
        if (!targets.isEmpty()) {
            String text = codec.encode(push);
            if (targets.size() == 1) {
                outbound.send(targets.get(0), text);
            } else {
                outbound.sendToAll(text, targets);
            }
        }
        return push;
    }

    /** Sends a message to one session outside the room history (token warnings, kick-outs). */
    void direct(Session session, ServerMessage message) {
        if (session.connection() != null) {
            outbound.send(session.connection(), codec.encode(message));
        }
    }

    void reply(ClientConnection to, ServerMessage.Reply reply) {
        outbound.send(to, codec.encode(reply));
    }

    void close(ClientConnection connection, int code, String reason) {
        outbound.close(connection, code, reason);
    }
}
