package dev.parley.engine.internal.signaling;

import dev.parley.protocol.ServerMessage;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The one dispatch of server messages: each kind of {@link ServerMessage} goes to its method of a
 * {@link ServerMessageHandler}. {@code ServerMessagesTest} checks that every kind the protocol
 * defines has its route, so a new push type cannot be silently ignored.
 *
 * <p>Stateless; any thread.
 */
public final class ServerMessages {
    private static final Map<Class<? extends ServerMessage>, BiConsumer<ServerMessageHandler, ServerMessage>> ROUTES =
            Map.ofEntries(
                    route(ServerMessage.Welcome.class, ServerMessageHandler::onWelcome),
                    route(ServerMessage.Ack.class, ServerMessageHandler::onReply),
                    route(ServerMessage.LoginAccepted.class, ServerMessageHandler::onReply),
                    route(ServerMessage.ResumeAccepted.class, ServerMessageHandler::onReply),
                    route(ServerMessage.BroadcastSent.class, ServerMessageHandler::onReply),
                    route(ServerMessage.RoomUsers.class, ServerMessageHandler::onReply),
                    route(ServerMessage.Redirect.class, ServerMessageHandler::onReply),
                    route(ServerMessage.UserUpdate.class, ServerMessageHandler::onUserUpdate),
                    route(ServerMessage.StreamUpdate.class, ServerMessageHandler::onStreamUpdate),
                    route(ServerMessage.StreamExtraInfoUpdate.class, ServerMessageHandler::onStreamExtraInfoUpdate),
                    route(ServerMessage.StreamMediaUpdate.class, ServerMessageHandler::onStreamMediaUpdate),
                    route(ServerMessage.RoomExtraInfoUpdate.class, ServerMessageHandler::onRoomExtraInfoUpdate),
                    route(ServerMessage.BroadcastReceived.class, ServerMessageHandler::onBroadcastReceived),
                    route(ServerMessage.CustomCommandReceived.class, ServerMessageHandler::onCustomCommandReceived),
                    route(ServerMessage.SignalReceived.class, ServerMessageHandler::onSignalReceived),
                    route(ServerMessage.TokenWillExpire.class, ServerMessageHandler::onTokenWillExpire),
                    route(ServerMessage.KickedOut.class, ServerMessageHandler::onKickedOut),
                    route(ServerMessage.IceServersUpdate.class, ServerMessageHandler::onIceServersUpdate));

    private ServerMessages() {
    }

    /**
     * Hands {@code message} to its method of {@code handler}.
     *
     * @throws IllegalArgumentException for a kind of message with no route (which the test rules out)
     */
    public static void dispatch(ServerMessage message, ServerMessageHandler handler) {
        BiConsumer<ServerMessageHandler, ServerMessage> route = ROUTES.get(message.getClass());
        if (route == null) {
            throw new IllegalArgumentException("no handler for server message " + message.getClass().getName());
        }
        route.accept(handler, message);
    }

    /** The kinds of message that have a route. */
    static Set<Class<? extends ServerMessage>> routed() {
        return ROUTES.keySet();
    }

    private static <T extends ServerMessage> Map.Entry<Class<? extends ServerMessage>, BiConsumer<ServerMessageHandler, ServerMessage>>
            route(Class<T> type, BiConsumer<ServerMessageHandler, ? super T> method) {
        return Map.entry(type, (handler, message) -> method.accept(handler, type.cast(message)));
    }
}
