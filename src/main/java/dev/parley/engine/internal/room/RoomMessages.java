package dev.parley.engine.internal.room;

import dev.parley.engine.BroadcastMessageCallback;
import dev.parley.engine.ResultCallback;
import dev.parley.engine.User;
import dev.parley.engine.internal.core.CallbackDispatcher;
import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ServerMessage;
import java.util.List;
import java.util.function.Supplier;

/**
 * Broadcast messages, custom commands and room extra info: sends the request on the room's
 * connection and answers the app's callback with the server's code.
 *
 * <p>Engine loop only; callbacks go through the callback executor. One per room session.
 */
final class RoomMessages {
    private final Outbox outbox;
    private final CallbackDispatcher callbacks;
    private final Supplier<List<User>> knownUsers;

    RoomMessages(Outbox outbox, CallbackDispatcher callbacks, Supplier<List<User>> knownUsers) {
        this.outbox = outbox;
        this.callbacks = callbacks;
        this.knownUsers = knownUsers;
    }

    void setRoomExtraInfo(String key, String value, ResultCallback callback) {
        outbox.request(new ClientMessage.SetRoomExtraInfo(outbox.nextRequestId(), key, value),
                reply -> answer(callback, reply.code()));
    }

    void broadcast(String message, BroadcastMessageCallback callback) {
        outbox.request(new ClientMessage.SendBroadcast(outbox.nextRequestId(), message), reply -> {
            long messageId = reply instanceof ServerMessage.BroadcastSent sent ? sent.messageId() : 0;
            if (callback != null) {
                callbacks.run(() -> callback.onResult(reply.code(), messageId));
            }
        });
    }

    /** Sends to the named users, or to everyone else this client knows of when none are named. */
    void customCommand(String command, List<User> named, ResultCallback callback) {
        List<User> recipients = named.isEmpty() ? knownUsers.get() : named;
        List<String> ids = recipients.stream().map(User::userID).toList();
        outbox.request(new ClientMessage.SendCustomCommand(outbox.nextRequestId(), ids, command),
                reply -> answer(callback, reply.code()));
    }

    private void answer(ResultCallback callback, int code) {
        if (callback != null) {
            callbacks.run(() -> callback.onResult(code));
        }
    }
}
