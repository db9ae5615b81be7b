package dev.parley.engine.internal.room;

import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ServerMessage;
import java.util.function.Consumer;

/** How the parts of a room session send requests: on the session's current connection. Engine loop only. */
interface Outbox {
    /** Whether the session is logged in and its connection is up. */
    boolean connected();

    /** The ID for the next request. */
    long nextRequestId();

    /** Sends {@code message}; its reply, or an error in the form of a reply, goes to {@code onReply}. */
    void request(ClientMessage message, Consumer<ServerMessage.Reply> onReply);
}
