package dev.parley.app;

import dev.parley.engine.BroadcastMessageInfo;
import dev.parley.engine.EventHandler;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PlayStreamQuality;
import dev.parley.engine.PlayerMediaEvent;
import dev.parley.engine.PlayerState;
import dev.parley.engine.PublishStreamQuality;
import dev.parley.engine.PublisherState;
import dev.parley.engine.RemoteDeviceState;
import dev.parley.engine.RoomStateChangedReason;
import dev.parley.engine.Stream;
import dev.parley.engine.UpdateType;
import dev.parley.engine.User;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns one engine's callbacks into {@link CallSession} state. Callbacks of an engine the session
 * has replaced or destroyed are ignored.
 *
 * <p>Threading: the engine delivers callbacks on the session's FX executor.
 */
final class SessionEvents implements EventHandler {
    private final CallSession session;
    private ParleyEngine engine;

    SessionEvents(CallSession session) {
        this.session = session;
    }

    void bind(ParleyEngine value) {
        this.engine = value;
    }

    private boolean current() {
        return session.isCurrent(engine);
    }

    @Override
    public void onRoomStateChanged(String roomID, RoomStateChangedReason reason, int errorCode, String extendedData) {
        if (current()) {
            session.roomStateChanged(reason, errorCode);
        }
    }

    @Override
    public void onRoomTokenRenewFailed(String roomID, int errorCode) {
        if (current()) {
            session.tokenRenewFailed(errorCode);
        }
    }

    @Override
    public void onRoomUserUpdate(String roomID, UpdateType updateType, List<User> users) {
        if (current()) {
            if (updateType == UpdateType.ADD) {
                session.room().addUsers(users);
            } else {
                session.room().removeUsers(users);
            }
        }
    }

    @Override
    public void onRoomStreamUpdate(String roomID, UpdateType updateType, List<Stream> streams, String extendedData) {
        if (current()) {
            if (updateType == UpdateType.ADD) {
                session.streamsAdded(streams);
            } else {
                session.streamsRemoved(streams);
            }
        }
    }

    @Override
    public void onPublisherStateUpdate(String streamID, PublisherState state, int errorCode, String extendedData) {
        if (current()) {
            session.publisherState(streamID, state, errorCode);
        }
    }

    @Override
    public void onPublisherQualityUpdate(String streamID, PublishStreamQuality quality) {
        if (current()) {
            session.publishQuality(streamID, quality);
        }
    }

    @Override
    public void onPlayerStateUpdate(String streamID, PlayerState state, int errorCode, String extendedData) {
        withStream(streamID, s -> s.state(state, errorCode));
    }

    @Override
    public void onPlayerQualityUpdate(String streamID, PlayStreamQuality quality) {
        withStream(streamID, s -> session.playQuality(s, quality));
    }

    @Override
    public void onPlayerMediaEvent(String streamID, PlayerMediaEvent event) {
        withStream(streamID, s -> s.mediaEvent(event));
    }

    @Override
    public void onRemoteCameraStateUpdate(String streamID, RemoteDeviceState state) {
        withStream(streamID, s -> s.camera(state));
    }

    @Override
    public void onRemoteMicStateUpdate(String streamID, RemoteDeviceState state) {
        withStream(streamID, s -> s.microphone(state));
    }

    @Override
    public void onCapturedSoundLevelUpdate(float soundLevel) {
        if (current()) {
            session.capturedLevel(soundLevel);
        }
    }

    @Override
    public void onRemoteSoundLevelUpdate(java.util.Map<String, Float> soundLevels) {
        if (current()) {
            session.remoteLevels(soundLevels);
        }
    }

    @Override
    public void onIMRecvBroadcastMessage(String roomID, List<BroadcastMessageInfo> messages) {
        if (current()) {
            for (BroadcastMessageInfo m : messages) {
                session.chatReceived(new ChatMessage(m.fromUser().userName(), m.message(),
                        Instant.ofEpochMilli(m.sendTime()), false));
            }
        }
    }

    @Override
    public void onDeviceError(int errorCode, String deviceID) {
        if (current()) {
            session.deviceError(errorCode, deviceID);
        }
    }

    @Override
    public void onVideoDeviceStateChanged(UpdateType updateType, dev.parley.engine.DeviceInfo device) {
        if (current()) {
            session.refreshDevices();
        }
    }

    @Override
    public void onAudioDeviceStateChanged(UpdateType updateType, dev.parley.engine.DeviceInfo device) {
        if (current()) {
            session.refreshDevices();
        }
    }

    private void withStream(String streamID, Consumer<RemoteStream> action) {
        if (current()) {
            RemoteStream stream = session.playing(streamID);
            if (stream != null) {
                action.accept(stream);
            }
        }
    }
}
