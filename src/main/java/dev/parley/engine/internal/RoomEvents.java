package dev.parley.engine.internal;

import dev.parley.engine.BroadcastMessageInfo;
import dev.parley.engine.RemoteDeviceState;
import dev.parley.engine.Stream;
import dev.parley.engine.UpdateType;
import dev.parley.engine.User;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.StreamInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Turns the server's room pushes into the app's events, through the {@link Roster} so that only
 * real changes are reported, and keeps the last sequence number seen for resuming.
 *
 * <p>Not thread-safe; used on the engine loop only. One instance per room session.
 */
final class RoomEvents {
    private final EngineContext engine;
    private final String roomId;
    private final String selfId;
    private final boolean userStatusNotify;
    private final Roster roster = new Roster();
    private final java.util.function.BiConsumer<UpdateType, List<Stream>> streamChanges;
    private long lastSeq;
    private ScheduledFuture<?> staleExpiry;

    RoomEvents(EngineContext engine, String roomId, User self, boolean userStatusNotify,
               java.util.function.BiConsumer<UpdateType, List<Stream>> streamChanges) {
        this.engine = engine;
        this.streamChanges = streamChanges;
        this.roomId = roomId;
        this.selfId = self.userID();
        this.userStatusNotify = userStatusNotify;
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
            engine.callbacks().emit(h -> h.onRoomExtraInfoUpdate(roomId, infos));
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
            staleExpiry.cancel(false);
        }
        staleExpiry = engine.loop().schedule(this::expireStale, engine.profile().resyncGrace().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void expireStale() {
        reportUsers(UpdateType.DELETE, roster.expireStaleUsers());
        reportStreams(UpdateType.DELETE, roster.expireStaleStreams());
    }

    void close() {
        if (staleExpiry != null) {
            staleExpiry.cancel(false);
        }
    }

    void onPush(ServerMessage.Push push) {
        if (push.seq() > 0) {
            if (push.seq() <= lastSeq) {
                return; // already seen before a resume
            }
            lastSeq = push.seq();
        }
        if (push instanceof ServerMessage.UserUpdate update) {
            UpdateType type = Conversions.updateType(update.updateType());
            List<User> users = Conversions.users(update.users()).stream().filter(u -> !u.userID().equals(selfId)).toList();
            reportUsers(type, type == UpdateType.ADD ? roster.addUsers(users) : roster.removeUsers(users));
        } else if (push instanceof ServerMessage.StreamUpdate update) {
            UpdateType type = Conversions.updateType(update.updateType());
            List<Stream> streams = othersStreams(update.streams());
            List<Stream> changed = type == UpdateType.ADD ? roster.addStreams(streams) : roster.removeStreams(streams);
            reportStreams(type, changed);
            if (type == UpdateType.ADD) {
                reportDevicesOfAdded(update.streams(), changed);
            }
        } else if (push instanceof ServerMessage.StreamExtraInfoUpdate update) {
            List<Stream> changed = new ArrayList<>();
            for (Stream stream : othersStreams(update.streams())) {
                if (roster.update(stream)) {
                    changed.add(stream);
                }
            }
            if (!changed.isEmpty()) {
                engine.callbacks().emit(h -> h.onRoomStreamExtraInfoUpdate(roomId, changed));
            }
        } else if (push instanceof ServerMessage.StreamMediaUpdate update) {
            StreamInfo s = update.stream();
            if (!s.user().userId().equals(selfId)) {
                reportDevices(s, RemoteDeviceState.MUTE);
            }
        } else if (push instanceof ServerMessage.RoomExtraInfoUpdate update) {
            var infos = update.infos().stream().map(Conversions::roomExtraInfo).toList();
            engine.callbacks().emit(h -> h.onRoomExtraInfoUpdate(roomId, infos));
        } else if (push instanceof ServerMessage.BroadcastReceived message) {
            BroadcastMessageInfo info = new BroadcastMessageInfo(message.message(), message.messageId(),
                    message.sendTime(), Conversions.user(message.fromUser()));
            engine.callbacks().emit(h -> h.onIMRecvBroadcastMessage(roomId, List.of(info)));
        } else if (push instanceof ServerMessage.CustomCommandReceived command) {
            User from = Conversions.user(command.fromUser());
            engine.callbacks().emit(h -> h.onIMRecvCustomCommand(roomId, from, command.command()));
        } else if (push instanceof ServerMessage.TokenWillExpire warning) {
            int seconds = (int) Math.min(Integer.MAX_VALUE, warning.secondsLeft());
            engine.callbacks().emit(h -> h.onRoomTokenWillExpire(roomId, seconds));
        }
    }

    private List<Stream> othersStreams(List<StreamInfo> infos) {
        return infos.stream().filter(s -> !s.user().userId().equals(selfId)).map(Conversions::stream).toList();
    }

    private void reportUsers(UpdateType type, List<User> users) {
        if (userStatusNotify && !users.isEmpty()) {
            engine.callbacks().emit(h -> h.onRoomUserUpdate(roomId, type, users));
        }
    }

    /** Reports a stream's camera and microphone: OPEN when on, else {@code offState}. */
    private void reportDevices(StreamInfo s, RemoteDeviceState offState) {
        reportDevices(s, offState, offState);
    }

    private void reportDevices(StreamInfo s, RemoteDeviceState cameraOff, RemoteDeviceState micOff) {
        RemoteDeviceState camera = s.video() ? RemoteDeviceState.OPEN : cameraOff;
        RemoteDeviceState mic = s.audio() ? RemoteDeviceState.OPEN : micOff;
        engine.callbacks().emit(h -> {
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
            engine.callbacks().emit(h -> h.onRoomStreamUpdate(roomId, type, streams, "{}"));
            streamChanges.accept(type, streams);
        }
    }
}
