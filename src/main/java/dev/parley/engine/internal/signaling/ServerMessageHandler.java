package dev.parley.engine.internal.signaling;

import dev.parley.protocol.ServerMessage;

/**
 * Handles every kind of message the room server sends, one method per kind, each abstract: a new
 * kind of push is a new method here, which every handler must then implement. Messages reach the
 * methods through {@link ServerMessages#dispatch}.
 */
public interface ServerMessageHandler {
    void onWelcome(ServerMessage.Welcome welcome);

    /** Any reply to a request; it goes to the request it answers. */
    void onReply(ServerMessage.Reply reply);

    void onUserUpdate(ServerMessage.UserUpdate push);

    void onStreamUpdate(ServerMessage.StreamUpdate push);

    void onStreamExtraInfoUpdate(ServerMessage.StreamExtraInfoUpdate push);

    void onStreamMediaUpdate(ServerMessage.StreamMediaUpdate push);

    void onRoomExtraInfoUpdate(ServerMessage.RoomExtraInfoUpdate push);

    void onBroadcastReceived(ServerMessage.BroadcastReceived push);

    void onCustomCommandReceived(ServerMessage.CustomCommandReceived push);

    void onSignalReceived(ServerMessage.SignalReceived push);

    void onTokenWillExpire(ServerMessage.TokenWillExpire push);

    void onKickedOut(ServerMessage.KickedOut push);

    void onIceServersUpdate(ServerMessage.IceServersUpdate push);
}
