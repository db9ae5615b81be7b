package dev.parley.engine.internal;

import dev.parley.engine.BroadcastMessageCallback;
import dev.parley.engine.ResultCallback;
import dev.parley.engine.User;
import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ServerMessage;
import java.util.List;

/**
 * Broadcast messages, custom commands and room extra info: sends the request on the room's
 * connection and answers the app's callback with the server's code.
 *
 * <p>Runs on the engine loop; callbacks go through the callback executor. Stateless apart from
 * its engine.
 */
final class RoomMessages {
    private final EngineContext engine;

    RoomMessages(EngineContext engine) {
        this.engine = engine;
    }

    void setRoomExtraInfo(RoomSession room, String key, String value, ResultCallback callback) {
        room.request(new ClientMessage.SetRoomExtraInfo(engine.nextRequestId(), key, value),
                reply -> answer(callback, reply.code()));
    }

    void broadcast(RoomSession room, String message, BroadcastMessageCallback callback) {
        room.request(new ClientMessage.SendBroadcast(engine.nextRequestId(), message), reply -> {
            long messageId = reply instanceof ServerMessage.BroadcastSent sent ? sent.messageId() : 0;
            answer(callback, reply.code(), messageId);
        });
    }

    /** Sends to the named users, or to everyone else this client knows of when none are named. */
    void customCommand(RoomSession room, String command, List<User> named, ResultCallback callback) {
        List<User> recipients = named.isEmpty() ? room.knownUsers() : named;
        List<String> ids = recipients.stream().map(User::userID).toList();
        room.request(new ClientMessage.SendCustomCommand(engine.nextRequestId(), ids, command),
                reply -> answer(callback, reply.code()));
    }

    void answer(ResultCallback callback, int code) {
        if (callback != null) {
            engine.callbacks().run(() -> callback.onResult(code));
        }
    }

    void answer(BroadcastMessageCallback callback, int code, long messageId) {
        if (callback != null) {
            engine.callbacks().run(() -> callback.onResult(code, messageId));
        }
    }
}
