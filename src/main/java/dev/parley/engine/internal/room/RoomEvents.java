package dev.parley.engine.internal.room;

import dev.parley.engine.BroadcastMessageInfo;
import dev.parley.engine.RemoteDeviceState;
import dev.parley.engine.Stream;
import dev.parley.engine.UpdateType;
import dev.parley.engine.User;
import dev.parley.engine.internal.core.CallbackDispatcher;
import dev.parley.engine.internal.core.Cancellable;
import dev.parley.engine.internal.core.Scheduler;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.StreamInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Turns the server's room pushes into the app's events, through the {@link Roster} so that only
 * real changes are reported, and keeps the last sequence number seen for resuming.
 *
 * <p>Engine loop only. One instance per room session.
 */
final class RoomEvents {
    private final CallbackDispatcher callbacks;
    private final Scheduler loop;
    private final Duration resyncGrace;
    private final String roomId;
    private final String selfId;
    private final boolean userStatusNotify;
    private final Roster roster = new Roster();
    private final BiConsumer<UpdateType, List<Stream>> streamChanges;
    private long lastSeq;
    private Cancellable staleExpiry;

    /** @param streamChanges told of every real change to the other users' streams, after the app */
    RoomEvents(CallbackDispatcher callbacks, Scheduler loop, Duration resyncGrace, String roomId, User self,
               boolean userStatusNotify, BiConsumer<UpdateType, List<Stream>> streamChanges) {
        this.callbacks = callbacks;
        this.loop = loop;
        this.resyncGrace = resyncGrace;
        this.roomId = roomId;
        this.selfId = self.userID();
        this.userStatusNotify = userStatusNotify;
        this.streamChanges = streamChanges;
    }

    long lastSeq() {
        return lastSeq;
    }

    Roster roster() {
        return roster;
    }

    void onLogin(ServerMessage.LoginAccepted accepted) {
        lastSeq = accepted.seq();
        reportUsers(UpdateType.ADD, roster.addUsers(Conversions.users(accepted.users())));
        List<Stream> added = roster.addStreams(othersStreams(accepted.streams()));
        reportStreams(UpdateType.ADD, added);
        reportDevicesOfAdded(accepted.streams(), added);
        if (!accepted.roomExtraInfo().isEmpty()) {
            var infos = accepted.roomExtraInfo().stream().map(Conversions::roomExtraInfo).toList();
            callbacks.emit(h -> h.onRoomExtraInfoUpdate(roomId, infos));
        }
    }

    /**
     * After a full re-login: reports what is new at once, and what is missing only if it is still
     * missing after the profile's resync grace.
     */
    void onReLogin(ServerMessage.LoginAccepted accepted) {
        lastSeq = accepted.seq();
        reportUsers(UpdateType.ADD, roster.resyncUsers(Conversions.users(accepted.users())).added());
        reportStreams(UpdateType.ADD, roster.resyncStreams(othersStreams(accepted.streams())).added());
        if (staleExpiry != null) {
            staleExpiry.cancel();
        }
        staleExpiry = loop.schedule(this::expireStale, resyncGrace.toMillis());
    }

    private void expireStale() {
        reportUsers(UpdateType.DELETE, roster.expireStaleUsers());
        reportStreams(UpdateType.DELETE, roster.expireStaleStreams());
    }

    void close() {
        if (staleExpiry != null) {
            staleExpiry.cancel();
        }
    }

    /**
     * Whether {@code push} is new: pushes numbered at or below the last one seen arrived before a
     * resume already. Records its number. Pushes sent to this client alone carry 0 and are always new.
     */
    boolean fresh(ServerMessage.Push push) {
        if (push.seq() > 0) {
            if (push.seq() <= lastSeq) {
                return false;
            }
            lastSeq = push.seq();
        }
        return true;
    }

    void onUserUpdate(ServerMessage.UserUpdate update) {
        UpdateType type = Conversions.updateType(update.updateType());
        List<User> users = Conversions.users(update.users()).stream().filter(u -> !u.userID().equals(selfId)).toList();
        reportUsers(type, type == UpdateType.ADD ? roster.addUsers(users) : roster.removeUsers(users));
    }

    void onStreamUpdate(ServerMessage.StreamUpdate update) {
        UpdateType type = Conversions.updateType(update.updateType());
        List<Stream> streams = othersStreams(update.streams());
        List<Stream> changed = type == UpdateType.ADD ? roster.addStreams(streams) : roster.removeStreams(streams);
        reportStreams(type, changed);
        if (type == UpdateType.ADD) {
            reportDevicesOfAdded(update.streams(), changed);
        }
    }

    void onStreamExtraInfoUpdate(ServerMessage.StreamExtraInfoUpdate update) {
        List<Stream> changed = new ArrayList<>();
        for (Stream stream : othersStreams(update.streams())) {
            if (roster.update(stream)) {
                changed.add(stream);
            }
        }
        if (!changed.isEmpty()) {
            callbacks.emit(h -> h.onRoomStreamExtraInfoUpdate(roomId, changed));
        }
    }

    void onStreamMediaUpdate(ServerMessage.StreamMediaUpdate update) {
        StreamInfo s = update.stream();
        if (!s.user().userId().equals(selfId)) {
            reportDevices(s, RemoteDeviceState.MUTE);
        }
    }

    void onRoomExtraInfoUpdate(ServerMessage.RoomExtraInfoUpdate update) {
        var infos = update.infos().stream().map(Conversions::roomExtraInfo).toList();
        callbacks.emit(h -> h.onRoomExtraInfoUpdate(roomId, infos));
    }

    void onBroadcastReceived(ServerMessage.BroadcastReceived message) {
        BroadcastMessageInfo info = new BroadcastMessageInfo(message.message(), message.messageId(),
                message.sendTime(), Conversions.user(message.fromUser()));
        callbacks.emit(h -> h.onIMRecvBroadcastMessage(roomId, List.of(info)));
    }

    void onCustomCommandReceived(ServerMessage.CustomCommandReceived command) {
        User from = Conversions.user(command.fromUser());
        callbacks.emit(h -> h.onIMRecvCustomCommand(roomId, from, command.command()));
    }

    void onTokenWillExpire(ServerMessage.TokenWillExpire warning) {
        int seconds = (int) Math.min(Integer.MAX_VALUE, warning.secondsLeft());
        callbacks.emit(h -> h.onRoomTokenWillExpire(roomId, seconds));
    }

    private List<Stream> othersStreams(List<StreamInfo> infos) {
        return infos.stream().filter(s -> !s.user().userId().equals(selfId)).map(Conversions::stream).toList();
    }

    private void reportUsers(UpdateType type, List<User> users) {
        if (userStatusNotify && !users.isEmpty()) {
            callbacks.emit(h -> h.onRoomUserUpdate(roomId, type, users));
        }
    }

    /** Reports a stream's camera and microphone: OPEN when on, else {@code offState}. */
    private void reportDevices(StreamInfo s, RemoteDeviceState offState) {
        reportDevices(s, offState, offState);
    }

    private void reportDevices(StreamInfo s, RemoteDeviceState cameraOff, RemoteDeviceState micOff) {
        RemoteDeviceState camera = s.video() ? RemoteDeviceState.OPEN : cameraOff;
        RemoteDeviceState mic = s.audio() ? RemoteDeviceState.OPEN : micOff;
        callbacks.emit(h -> {
            h.onRemoteCameraStateUpdate(s.streamId(), camera);
            h.onRemoteMicStateUpdate(s.streamId(), mic);
        });
    }

    /**
     * Camera and microphone states of streams that just arrived. Video that is off means the
     * stream has none (an audio-only call); every stream carries audio, so audio that is off was
     * muted before publishing.
     */
    private void reportDevicesOfAdded(List<StreamInfo> infos, List<Stream> added) {
        for (StreamInfo s : infos) {
            if (added.stream().anyMatch(a -> a.streamID().equals(s.streamId()))) {
                reportDevices(s, RemoteDeviceState.DISABLE, RemoteDeviceState.MUTE);
            }
        }
    }

    private void reportStreams(UpdateType type, List<Stream> streams) {
        if (!streams.isEmpty()) {
            callbacks.emit(h -> h.onRoomStreamUpdate(roomId, type, streams, "{}"));
            streamChanges.accept(type, streams);
        }
    }
}
