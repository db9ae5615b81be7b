package dev.parley.app;

import dev.parley.app.video.FrameRenderer;
import dev.parley.engine.DeviceInfo;
import dev.parley.engine.EventHandler;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PlayStreamQuality;
import dev.parley.engine.PublishChannel;
import dev.parley.engine.PublishStreamQuality;
import dev.parley.engine.PublisherState;
import dev.parley.engine.RoomConfig;
import dev.parley.engine.RoomState;
import dev.parley.engine.RoomStateChangedReason;
import dev.parley.engine.Stream;
import dev.parley.engine.User;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The call as the UI sees it: the service the window binds to. It owns the engine, plays every
 * stream that appears in the room and stops those that leave, and mirrors room, stream, device
 * and error state into read-only JavaFX properties.
 *
 * <p>Threading: every method must be called on the FX thread (the {@code fxExecutor}'s thread),
 * and every property changes there. No method blocks: engine calls return at once and their
 * results arrive as callbacks on the same executor.
 *
 * <p>Lifecycle: created IDLE; {@link #startPreview(String)} and {@link #join} create the engine on
 * first use; {@link #endCall()} logs out, destroys the engine and returns to IDLE;
 * {@link #close(Runnable)} destroys the engine and reports when it is gone. A closed session does
 * nothing.
 */
public final class CallSession {
    /** Creates engines for a server URL, with callbacks on the given executor. */
    @FunctionalInterface
    public interface EngineFactory {
        ParleyEngine create(String serverUrl, Executor callbackExecutor, EventHandler handler);
    }

    private final Executor fx;
    private final ReadOnlyObjectWrapper<CallPhase> phase = new ReadOnlyObjectWrapper<>(this, "phase", CallPhase.IDLE);
    private final ReadOnlyObjectWrapper<RoomState> roomState = new ReadOnlyObjectWrapper<>(this, "roomState", RoomState.DISCONNECTED);
    private final ReadOnlyObjectWrapper<RoomStateChangedReason> roomReason = new ReadOnlyObjectWrapper<>(this, "roomReason");
    private final ReadOnlyStringWrapper roomID = new ReadOnlyStringWrapper(this, "roomID", "");
    private final Publishing publishing = new Publishing();
    private final ReadOnlyObjectWrapper<CallError> lastError = new ReadOnlyObjectWrapper<>(this, "lastError");
    private final ReadOnlyObjectWrapper<JoinConflict> joinConflict = new ReadOnlyObjectWrapper<>(this, "joinConflict");
    /** The banner shown while reconnecting, cleared when the room is back unless another error replaced it. */
    private CallError connectionLost;
    private final ChatLog chat = new ChatLog();
    private final PlayControls playControls = new PlayControls();
    private final RoomLists room = new RoomLists(playControls);
    private final CallStatistics statistics = new CallStatistics(InstantSource.system());
    private final SoundLevels soundLevels = new SoundLevels(() -> System.nanoTime() / 1_000_000);
    private final LargeTile largeTile = new LargeTile(room.playing(), soundLevels.currentSpeakerProperty());
    private final DeviceLists devices = new DeviceLists();
    private final ScreenChoice screens;
    private final EngineSlot engines;
    private final LocalMedia local;
    private JoinRequest request;

    /**
     * @param engineFactory makes the engine on first use, and again when another server is chosen
     * @param fxExecutor the FX thread: {@code Platform::runLater} in the app
     */
    public CallSession(EngineFactory engineFactory, Executor fxExecutor) {
        this.fx = Objects.requireNonNull(fxExecutor, "fxExecutor");
        this.local = new LocalMedia(fxExecutor);
        this.engines = new EngineSlot(Objects.requireNonNull(engineFactory, "engineFactory"), fxExecutor);
        this.screens = new ScreenChoice(engines::current);
        largeTile.holderProperty().addListener((obs, old, now) -> room.largeTile(now, engines.current()));
        room.playing().addListener((ListChangeListener<RemoteStream>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(gone -> statistics.remove(gone.streamID()));
            }
        });
    }

    /** Shows the camera in {@link #localRenderer()}, creating the engine for {@code serverUrl} if needed. */
    public void startPreview(String serverUrl) {
        if (!closedOrClosing()) {
            local.startPreview(engineFor(serverUrl));
        }
    }

    /** Stops the preview and clears the local pane. */
    public void stopPreview() {
        local.stopPreview(engines.current());
    }

    /**
     * Asks the server who is in the room, then logs in, publishes the camera and microphone and
     * plays everyone else. A request that breaks the ID rules only sets {@link #lastErrorProperty()}.
     * When the user ID is taken (joining would end that session with a kick-out) the session goes
     * back to IDLE with {@link #joinConflictProperty()} set, and joins only on {@link #joinAnyway()}.
     * When the server cannot say (an older server, say), it joins at once.
     */
    public void join(JoinRequest value) {
        startJoin(value, true);
    }

    /** Joins with the held-back request of {@link #joinConflictProperty()}, ending the other session. */
    public void joinAnyway() {
        JoinConflict conflict = joinConflict.get();
        if (conflict != null && phase.get() == CallPhase.IDLE) {
            startJoin(conflict.request(), false);
        }
    }

    /** Forgets a held-back join. */
    public void cancelJoin() {
        joinConflict.set(null);
    }

    /**
     * Asks the server at {@code serverUrl} who is in {@code roomID}, for {@code userID};
     * {@code answer} runs on the FX thread with the answer, or with null when the server could not
     * say. Creates the engine for that server if needed (as the preview does).
     */
    public void lookUpRoom(String serverUrl, String roomID, String userID, Consumer<RoomOccupancy> answer) {
        if (closedOrClosing()) {
            return;
        }
        ParleyEngine e = engineFor(serverUrl);
        e.queryRoomUsers(roomID, userID, (code, ids, inUse) -> {
            if (isCurrent(e)) {
                answer.accept(code == 0 ? new RoomOccupancy(roomID, userID, ids, inUse) : null);
            }
        });
    }

    private void startJoin(JoinRequest value, boolean checkFirst) {
        if (phase.get() != CallPhase.IDLE) {
            throw new IllegalStateException("join while " + phase.get());
        }
        if (value.validate().isPresent()) {
            lastError.set(value.validate().get().error());
            return;
        }
        request = value;
        lastError.set(null);
        joinConflict.set(null);
        chat.clear();
        phase.set(CallPhase.JOINING);
        roomID.set(value.roomID());
        ParleyEngine e = engineFor(value.serverUrl());
        startPreview(value.serverUrl());
        if (checkFirst) {
            e.queryRoomUsers(value.roomID(), value.userID(), (code, ids, inUse) -> onRoomChecked(e, value, code,
                    new RoomOccupancy(value.roomID(), value.userID(), ids, inUse)));
        } else {
            login(e, value);
        }
    }

    private void onRoomChecked(ParleyEngine e, JoinRequest value, int code, RoomOccupancy occupancy) {
        if (!isCurrent(e) || phase.get() != CallPhase.JOINING || request != value) {
            return;
        }
        if (code == 0 && occupancy.taken()) {
            joinConflict.set(new JoinConflict(value, occupancy));
            phase.set(CallPhase.IDLE);
            return;
        }
        login(e, value);
    }

    private void login(ParleyEngine e, JoinRequest value) {
        e.loginRoom(value.roomID(), new User(value.userID(), value.userName()), RoomConfig.defaults(),
                (code, data) -> onLoginResult(e, code));
    }

    /**
     * Stops preview, publishing and playing, logs out, destroys the engine, and returns to IDLE;
     * the next preview or join creates a new engine.
     */
    public void endCall() {
        if (phase.get() != CallPhase.JOINING && phase.get() != CallPhase.IN_CALL) {
            return;
        }
        leaveRoom(true);
        destroyEngine(() -> { });
    }

    /** Mutes or unmutes the microphone; players see the remote microphone state change. */
    public void toggleMicrophone() {
        local.toggleMicrophone(engines.current());
    }

    /** Turns the camera off or on; players see the remote camera state change. */
    public void toggleCamera() {
        boolean on = local.toggleCamera(engines.current());
        if (engines.current() != null && !on) {
            stopPreview();
        } else if (engines.current() != null && !closedOrClosing()) {
            startPreview(engines.serverUrl());
        }
    }

    /** Captures from this camera from now on, also during a call; errors arrive as the last error. */
    public void useVideoDevice(String deviceID) {
        devices.useCamera(engines.current(), deviceID);
    }

    /** Captures from this microphone from now on; errors arrive as the last error. */
    public void useAudioDevice(String deviceID) {
        devices.useMicrophone(engines.current(), deviceID);
    }

    /**
     * Starts or stops sharing the screen as a second stream (the AUX channel) during a call. Where
     * the screen cannot be captured, the error shows as {@link #lastErrorProperty()}.
     */
    public void toggleScreenShare() {
        if (phase.get() != CallPhase.IN_CALL) {
            return;
        }
        publishing.toggleScreen(engines.current(), request);
    }

    /**
     * Sets the play volume of a played stream here, 0 to 200 (100: as received, 0: silent, 200:
     * twice the amplitude); shown by its {@link RemoteStream#playVolumeProperty()}.
     *
     * @throws IllegalArgumentException if the volume is out of range
     */
    public void setPlayVolume(RemoteStream stream, int volume) {
        playControls.setVolume(engines.current(), stream, volume);
    }

    /** Mutes or unmutes a played stream's audio here; shown by its {@link RemoteStream#audioMutedProperty()}. */
    public void mutePlayStreamAudio(RemoteStream stream, boolean mute) {
        playControls.muteAudio(engines.current(), stream, mute);
    }

    /** Sends a chat line to everyone in the room; it shows in {@link #chat()} once the server took it. */
    public void sendChat(String text) {
        if (phase.get() == CallPhase.IN_CALL) {
            chat.send(engines.current(), request, text, lastError::set);
        }
    }

    /** Clears the error banner. */
    public void dismissError() {
        lastError.set(null);
    }

    /**
     * Ends any call and destroys the engine; {@code onClosed} runs on the FX executor once the
     * engine reports it is gone (at once when there is none).
     */
    public void close(Runnable onClosed) {
        if (closedOrClosing()) {
            fx.execute(onClosed);
            return;
        }
        if (phase.get() == CallPhase.JOINING || phase.get() == CallPhase.IN_CALL) {
            leaveRoom(false);
        }
        phase.set(CallPhase.CLOSING);
        destroyEngine(() -> {
            phase.set(CallPhase.CLOSED);
            onClosed.run();
        });
    }

    /** Stops the preview and destroys the engine; {@code then} runs on the FX executor afterwards. */
    private void destroyEngine(Runnable then) {
        stopPreview();
        playControls.clear();
        soundLevels.reset();
        engines.destroy(then);
    }

    boolean isCurrent(ParleyEngine e) {
        return engines.isCurrent(e);
    }

    private void onLoginResult(ParleyEngine e, int code) {
        if (!isCurrent(e) || phase.get() != CallPhase.JOINING) {
            return;
        }
        if (code != 0) {
            lastError.set(CallError.of(code));
            leaveRoom(true);
            return;
        }
        phase.set(CallPhase.IN_CALL);
        room.self(new User(request.userID(), request.userName().isEmpty() ? request.userID() : request.userName()));
        local.applyTo(e);
        publishing.start(e, request);
        room.playAll(e, fx);
    }

    void roomStateChanged(RoomStateChangedReason reason, int errorCode) {
        roomReason.set(reason);
        roomState.set(reason.state());
        boolean inRoom = phase.get() == CallPhase.IN_CALL || phase.get() == CallPhase.JOINING;
        boolean ended = reason == RoomStateChangedReason.KICK_OUT || reason == RoomStateChangedReason.RECONNECT_FAILED;
        if (ended && inRoom) {
            lastError.set(CallError.of(errorCode));
            leaveRoom(true);
        } else if (reason == RoomStateChangedReason.RECONNECTING && phase.get() == CallPhase.IN_CALL) {
            connectionLost = new CallError(errorCode, "Connection lost: " + CallError.of(errorCode).message()
                    + " Reconnecting\u2026");
            lastError.set(connectionLost);
        } else if (reason == RoomStateChangedReason.RECONNECTED && lastError.get() == connectionLost) {
            lastError.set(null);
        }
    }

    /** The room's users and streams, for {@link SessionEvents}. */
    RoomLists room() {
        return room;
    }

    /** Plays every stream that appears, as the guides advise. */
    void streamsAdded(List<Stream> added) {
        for (Stream s : added) {
            room.addStream(s);
            if (phase.get() == CallPhase.IN_CALL) {
                room.play(engines.current(), s, fx);
            }
        }
    }

    void streamsRemoved(List<Stream> removed) {
        for (Stream s : removed) {
            room.removeStream(s);
            room.stop(engines.current(), s.streamID());
        }
    }

    RemoteStream playing(String streamID) {
        return room.playing(streamID);
    }

    void publisherState(String streamID, PublisherState state, int errorCode) {
        publishing.stateChanged(request, streamID, state, errorCode, lastError::set);
        if (state == PublisherState.NO_PUBLISH) {
            statistics.remove(streamID);
        }
    }

    void publishQuality(String streamID, PublishStreamQuality quality) {
        publishing.qualityChanged(quality);
        boolean screen = request != null && streamID.equals(request.screenStreamID());
        // a report already on its way when the stream stopped brings no row back
        boolean live = screen ? publishing.screenSharing().get() : publishing.state().get() != PublisherState.NO_PUBLISH;
        if (phase.get() == CallPhase.IN_CALL && live) {
            String you = displayName(request.userName(), request.userID());
            statistics.published(streamID, you + (screen ? " (you, screen)" : " (you)"), quality);
        }
    }

    void playQuality(RemoteStream stream, PlayStreamQuality quality) {
        stream.quality(quality);
        boolean screen = stream.stream().channel() == PublishChannel.AUX;
        statistics.played(stream.streamID(), stream.displayName() + (screen ? " (screen)" : ""), quality);
    }

    private static String displayName(String name, String id) {
        return name == null || name.isEmpty() ? id : name;
    }

    void capturedLevel(float level) {
        soundLevels.captured(level);
    }

    void remoteLevels(java.util.Map<String, Float> levels) {
        soundLevels.remote(levels, room.playing());
    }

    void chatReceived(ChatMessage message) {
        chat.received(message);
    }

    /** The call goes on with the current token; the user should know it will end at its expiry. */
    void tokenRenewFailed(int errorCode) {
        lastError.set(CallError.of(errorCode));
    }

    void deviceError(int errorCode, String deviceID) {
        lastError.set(new CallError(errorCode, CallError.of(errorCode).message() + " Device: " + deviceID));
        refreshDevices();
    }

    private void leaveRoom(boolean logout) {
        room.clear(engines.current());
        publishing.stopAll(engines.current());
        if (engines.current() != null) {
            stopPreview();
            if (logout) {
                engines.current().logoutRoom();
            }
        }
        statistics.clear();
        roomState.set(RoomState.DISCONNECTED);
        if (lastError.get() == connectionLost) {
            lastError.set(null);
        }
        phase.set(CallPhase.IDLE);
    }

    /** The engine for {@code serverUrl}; another server replaces the engine. */
    private ParleyEngine engineFor(String serverUrl) {
        if (!serverUrl.equals(engines.serverUrl())) {
            stopPreview();
            playControls.clear();
            soundLevels.reset();
        }
        return engines.engineFor(serverUrl, new SessionEvents(this), e -> {
            local.applyTo(e);
            devices.attach(e, engines::current);
            screens.applyTo(e);
            // levels for the join view's meter before a call and for who speaks during one
            e.startSoundLevelMonitor();
        });
    }

    /** Reads the device lists the engine keeps current; cheap, no native calls. */
    public void refreshDevices() {
        devices.refresh(engines.current());
    }

    private boolean closedOrClosing() {
        return phase.get() == CallPhase.CLOSING || phase.get() == CallPhase.CLOSED;
    }

    public ReadOnlyObjectProperty<CallPhase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RoomState> roomStateProperty() {
        return roomState.getReadOnlyProperty();
    }

    /** The reason of the last room state change, or null before the first. */
    public ReadOnlyObjectProperty<RoomStateChangedReason> roomReasonProperty() {
        return roomReason.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty roomIDProperty() {
        return roomID.getReadOnlyProperty();
    }

    /** The other users in the room. */
    public ObservableList<User> users() {
        return room.users();
    }

    /**
     * Everyone in the room, this user first (with the name others see) while in a call: what the
     * People list shows and the status bar counts.
     */
    public ObservableList<User> participants() {
        return room.participants();
    }

    /** A join held back because its user ID is taken, or null; see {@link #join}. */
    public ReadOnlyObjectProperty<JoinConflict> joinConflictProperty() {
        return joinConflict.getReadOnlyProperty();
    }

    /** The other users' streams in the room. */
    public ObservableList<Stream> roomStreams() {
        return room.streams();
    }

    /** The streams being played, in the order they appeared. */
    public ObservableList<RemoteStream> playing() {
        return room.playing();
    }

    public ReadOnlyBooleanProperty microphoneOnProperty() {
        return local.microphoneOn();
    }

    public ReadOnlyBooleanProperty cameraOnProperty() {
        return local.cameraOn();
    }

    public ObservableList<DeviceInfo> videoDevices() {
        return devices.cameras();
    }

    public ObservableList<DeviceInfo> audioDevices() {
        return devices.microphones();
    }

    public ReadOnlyStringProperty videoDeviceProperty() {
        return devices.camera();
    }

    public ReadOnlyStringProperty audioDeviceProperty() {
        return devices.microphone();
    }

    public ReadOnlyObjectProperty<PublisherState> publisherStateProperty() {
        return publishing.state();
    }

    /** The last quality report of this user's stream, or null. */
    public ReadOnlyObjectProperty<PublishStreamQuality> publishQualityProperty() {
        return publishing.quality();
    }

    /** The figures of every stream published or played in the call, for the statistics panel. */
    public CallStatistics statistics() {
        return statistics;
    }

    /** Who the large tile shows. */
    public LargeTile largeTile() {
        return largeTile;
    }

    /** The microphone's level, who is speaking, and the current speaker. */
    public SoundLevels soundLevels() {
        return soundLevels;
    }

    /** The screens to share and the one picked. */
    public ScreenChoice screens() {
        return screens;
    }

    /** Whether this user shares the screen now. */
    public ReadOnlyBooleanProperty screenSharingProperty() {
        return publishing.screenSharing();
    }

    /** The error to show, or null. */
    public ReadOnlyObjectProperty<CallError> lastErrorProperty() {
        return lastError.getReadOnlyProperty();
    }

    public ObservableList<ChatMessage> chat() {
        return chat.lines();
    }

    /** Whether the local camera is drawn into {@link #localRenderer()}. */
    public ReadOnlyBooleanProperty previewingProperty() {
        return local.previewing();
    }

    /** Whether an engine exists: false at start, after End call once it is destroyed, and after close. */
    public ReadOnlyBooleanProperty engineRunningProperty() {
        return engines.runningProperty();
    }

    /** The local camera's frames, for the preview pane. */
    public FrameRenderer localRenderer() {
        return local.renderer();
    }

    /** The join request of the current or last call, or null. */
    public JoinRequest request() {
        return request;
    }
}
