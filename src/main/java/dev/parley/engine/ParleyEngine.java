package dev.parley.engine;

import java.util.List;
import java.util.Objects;

/**
 * The Parley SDK: log in to rooms, see who is there, publish and play streams, and exchange
 * messages. The API follows the usual "implement a video call" flow (docs/architecture.md).
 *
 * <p>Lifecycle: {@link #createEngine} makes an engine; {@link #destroyEngine} releases its
 * sockets, threads and native resources and then calls back. After destroy every method throws
 * {@link IllegalStateException}.
 *
 * <p>Threading: methods may be called from any thread, including from inside callbacks; they
 * never block on the network. Events arrive on the profile's callback executor, one at a time and
 * in order, whatever the executor. Misuse (null or
 * invalid IDs, a second login, calls after destroy) throws at once; everything that happens later
 * arrives as an error code in a callback.
 *
 * <p>IDs: room IDs, user IDs and user names are compared in Unicode NFC, on the server as here.
 * The engine normalises those an app passes before it checks or sends them, so "jos&eacute;"
 * typed as one character or with a combining accent is one user and one room, and callbacks
 * carry the NFC form. IDs with control, format (invisible or direction-changing) or unpaired
 * surrogate characters are invalid; see {@link dev.parley.protocol.Validation}.
 */
public abstract class ParleyEngine {

    /** Creates an engine. Several engines may live in one JVM, each with its own threads. */
    public static ParleyEngine createEngine(EngineProfile profile, EventHandler handler) {
        Objects.requireNonNull(profile, "profile");
        return EngineImplementation.create(profile, handler);
    }

    /** Replaces the event handler; null stops events. */
    public abstract void setEventHandler(EventHandler handler);

    /**
     * Logs in to a room, creating it if needed. One room at a time: log out before logging in to another.
     *
     * @param callback receives the login result; may be null
     * @throws IllegalArgumentException if the room ID or user is invalid
     * @throws IllegalStateException if already in a room, or destroyed
     */
    public abstract void loginRoom(String roomID, User user, RoomConfig config, LoginCallback callback);

    public final void loginRoom(String roomID, User user) {
        loginRoom(roomID, user, RoomConfig.defaults(), null);
    }

    public final void loginRoom(String roomID, User user, RoomConfig config) {
        loginRoom(roomID, user, config, null);
    }

    /**
     * Asks the server who is in a room, without logging in: for an app that wants to warn before
     * logging in with a userID someone already uses (which ends their session with KICK_OUT). The
     * engine opens a short connection of its own, authenticated as a login of {@code userID} to
     * {@code roomID} would be (the profile's appSign, or {@code token}), and closes it after the
     * answer. A server that does not know the request answers 1000002.
     *
     * @param token a token for {@code userID}, or null to sign with the profile's appSign
     * @param callback receives the users; may not be null
     * @throws IllegalArgumentException if the room or user ID is invalid, or there are no credentials
     * @throws IllegalStateException if destroyed
     */
    public abstract void queryRoomUsers(String roomID, String userID, String token, RoomUsersCallback callback);

    public final void queryRoomUsers(String roomID, String userID, RoomUsersCallback callback) {
        queryRoomUsers(roomID, userID, null, callback);
    }

    /** Leaves the current room, if any; stops publishing first. */
    public abstract void logoutRoom();

    /** Leaves the named room; LOGOUT_FAILED if this client is not in it. */
    public abstract void logoutRoom(String roomID);

    /**
     * Gives the session a new token before the old one expires. It is sent at once when the room
     * is connected, otherwise as soon as the session is back. If the server refuses it, the
     * session keeps its current token and expiry and {@link EventHandler#onRoomTokenRenewFailed}
     * reports {@code 1002023}; a room ID other than the current room's reports {@code 1002021}.
     *
     * @throws IllegalArgumentException if the room ID is invalid or the token is null
     * @throws IllegalStateException if destroyed
     */
    public abstract void renewToken(String roomID, String token);

    /**
     * Publishes a stream on a channel: registers it in the room, and sends the video to every user
     * who plays it.
     */
    public abstract void startPublishingStream(String streamID, PublishChannel channel);

    public final void startPublishingStream(String streamID) {
        startPublishingStream(streamID, PublishChannel.MAIN);
    }

    public abstract void stopPublishingStream(PublishChannel channel);

    public final void stopPublishingStream() {
        stopPublishingStream(PublishChannel.MAIN);
    }

    /**
     * Shows the local video in {@code canvas}. The video source is the test pattern until camera
     * capture is available.
     */
    public abstract void startPreview(Canvas canvas);

    public abstract void stopPreview();

    /**
     * Plays another user's stream into {@code canvas}. The stream may appear later; playing starts
     * when it does. State changes arrive through onPlayerStateUpdate.
     */
    public abstract void startPlayingStream(String streamID, Canvas canvas);

    /**
     * Leaves room {@code fromRoomID} and logs in to {@code toRoomID} as the same user, with the
     * previous login's config: onRoomStateChanged reports LOGINING for the new room, LOGOUT for
     * the old one, then LOGINED (or LOGIN_FAILED) for the new one. Streams this client publishes
     * move with it: the old room sees them go, the new one sees them come, and their publisher
     * state goes PUBLISH_REQUESTING then PUBLISHING (never NO_PUBLISH). Plays of the old room's
     * streams end. When this client is not in {@code fromRoomID}, LOGIN_FAILED arrives for
     * {@code toRoomID} with {@code 1002021}.
     */
    public final void switchRoom(String fromRoomID, String toRoomID) {
        switchRoom(fromRoomID, toRoomID, null);
    }

    /** {@link #switchRoom(String, String)} with a config of its own for the new room (a token for it, say); null keeps the previous one. */
    public abstract void switchRoom(String fromRoomID, String toRoomID, RoomConfig config);

    /**
     * Like {@link #startPlayingStream(String, Canvas)}, receiving the simulcast layer that
     * {@code config} names (in rooms that go through the media server; a mesh has one layer).
     */
    public abstract void startPlayingStream(String streamID, Canvas canvas, PlayerConfig config);

    /**
     * Switches the simulcast layer of a stream this client plays, without interrupting it: SMALL
     * for a small tile, BIG for a large one, DEFAULT to let the media server choose from this
     * client's link. No effect in a mesh room, whose streams have one layer.
     */
    public abstract void setPlayStreamVideoType(String streamID, VideoStreamType type);

    public abstract void stopPlayingStream(String streamID);

    /**
     * Turns the camera on or off. Off before publishing gives an audio-only call: no video track is
     * sent at all. Off while publishing stops the picture; players see their remote camera state
     * change.
     */
    public abstract void enableCamera(boolean enable);

    /** Mutes the microphone: silence is sent, and players see the remote microphone muted. */
    public abstract void muteMicrophone(boolean mute);

    /** Stops or resumes sending audio on published streams. */
    public abstract void mutePublishStreamAudio(boolean mute);

    /** Stops or resumes sending video on published streams. */
    public abstract void mutePublishStreamVideo(boolean mute);

    /** The interval of {@link #startSoundLevelMonitor()}, in milliseconds. */
    public static final int DEFAULT_SOUND_LEVEL_INTERVAL_MILLIS = 100;

    /**
     * Starts reporting sound levels every {@code intervalMillis} (100 to 3000) on the callback
     * executor: {@link EventHandler#onCapturedSoundLevelUpdate} with the level of what this engine
     * captures (the microphone, or the test tone when that is the source; 0 while the microphone
     * is muted or there is none), also before and without publishing, and
     * {@link EventHandler#onRemoteSoundLevelUpdate} with the level of each played stream's
     * received audio. Levels run from 0 (silence, or -60 dBFS and below) to 100 (full scale),
     * linear in dB; the test tone measures about 70. Called while running, takes the new
     * interval. With the system's sound devices, the microphone is recorded for its level while
     * the monitor runs and it is the source.
     *
     * @throws IllegalArgumentException if the interval is out of range
     * @throws IllegalStateException if destroyed
     */
    public abstract void startSoundLevelMonitor(int intervalMillis);

    /** {@link #startSoundLevelMonitor(int)} every {@value #DEFAULT_SOUND_LEVEL_INTERVAL_MILLIS} ms. */
    public final void startSoundLevelMonitor() {
        startSoundLevelMonitor(DEFAULT_SOUND_LEVEL_INTERVAL_MILLIS);
    }

    /** Stops the sound level reports; the microphone's level recording closes. */
    public abstract void stopSoundLevelMonitor();

    /**
     * Sets the play volume of a stream, 0 to 200, where 100 is as received; before or while it
     * plays, kept across reconnects, ICE restarts and new plays of the stream ID.
     * 0 silences the stream (its received audio track is disabled, which sets its output gain to
     * 0 inside WebRTC); 100 plays it in WebRTC's own mix; any other value scales its amplitude by
     * volume/100 (200 doubles it, held within full scale): webrtc-java 0.14 offers no gain for one
     * received stream, so the engine then silences it in WebRTC's mix and plays its decoded audio,
     * scaled, through a playout of its own on the default speaker, about 30 ms later than the rest
     * on a quiet machine (what the two sound modules' bursts need; more under load, at most 300 ms). Where the engine has no sound devices (headless, no sound server) every value but 0
     * plays the stream as received, and the log says so. Returns at once. For all streams at once
     * see {@link #muteSpeaker}.
     *
     * @throws IllegalArgumentException if the stream ID is invalid or the volume is out of range
     * @throws IllegalStateException if destroyed
     */
    public abstract void setPlayVolume(String streamID, int volume);

    /**
     * Silences a played stream's audio here (true) or plays it again, leaving its video; before
     * or while it plays, kept like {@link #setPlayVolume}. Its sound level is still reported.
     */
    public abstract void mutePlayStreamAudio(String streamID, boolean mute);

    /**
     * Stops receiving a played stream's video (true), keeping its audio, or receives it again:
     * the sender (its publisher, or the media server) is told by a new negotiation on the same
     * connection that this client's video is inactive, and no frame reaches the canvas meanwhile
     * (nor is a video stall reported). Before or while it plays, kept like {@link #setPlayVolume}.
     */
    public abstract void mutePlayStreamVideo(String streamID, boolean mute);

    /** Silences every played stream (true) or plays them again at their own settings. */
    public abstract void muteSpeaker(boolean mute);

    /** Whether {@link #muteSpeaker} silenced the played streams. */
    public abstract boolean isSpeakerMuted();

    /**
     * The cameras, with the test pattern first. Returns at once from a list the engine keeps
     * current; the first call after creation may list only the test pattern.
     */
    public abstract List<DeviceInfo> getVideoDevices();

    /**
     * Selects the camera to capture from, also during a call (players keep their connections).
     * An unknown ID or a camera that fails to start arrives as onDeviceError.
     */
    public abstract void useVideoDevice(String deviceID);

    /**
     * Looks for cameras and microphones now; {@code callback} (may be null) runs on the callback
     * executor once {@link #getVideoDevices()} and {@link #getAudioDevices()} return the fresh
     * lists. After the first device use the engine also looks every 2 s by itself and reports
     * changes through {@link EventHandler#onVideoDeviceStateChanged} and
     * {@link EventHandler#onAudioDeviceStateChanged}.
     */
    public abstract void refreshDevices(ResultCallback callback);

    /**
     * The microphones: with the system's sound devices open, {@link DeviceInfo#DEFAULT_MICROPHONE_ID}
     * first (and, off Linux, each microphone); the test tone always last. Kept current by the same
     * 2 s look as the cameras, with changes reported through
     * {@link EventHandler#onAudioDeviceStateChanged}; never blocks.
     */
    public abstract List<DeviceInfo> getAudioDevices();

    /** Selects the microphone; unknown IDs arrive as onDeviceError. */
    public abstract void useAudioDevice(String deviceID);

    /**
     * The screens (monitors) that {@code startPublishingStream(streamID, PublishChannel.AUX)} can
     * share, the primary first; empty where there is no graphical display. Never blocks.
     */
    public abstract List<DeviceInfo> getScreens();

    /**
     * Chooses the screen to share (an ID from {@link #getScreens()}); a running share moves to it
     * without renegotiating. An unknown screen arrives as onDeviceError with 1006001.
     */
    public abstract void useScreen(String screenID);

    /** Sets resolution, frame rate and bitrate for what is captured and published from now on. */
    public abstract void setVideoConfig(VideoConfig config);

    public abstract VideoConfig getVideoConfig();

    /** Sets the extra info of the stream published on {@code channel}; others get onRoomStreamExtraInfoUpdate. */
    public abstract void setStreamExtraInfo(String extraInfo, PublishChannel channel, ResultCallback callback);

    /** Sets one key of the room's extra info; others get onRoomExtraInfoUpdate. */
    public abstract void setRoomExtraInfo(String roomID, String key, String value, ResultCallback callback);

    /** Sends a message to everyone else in the room. */
    public abstract void sendBroadcastMessage(String roomID, String message, BroadcastMessageCallback callback);

    /**
     * Sends a command to some users of the room.
     *
     * @param toUsers the recipients; null or empty for everyone else in the room
     */
    public abstract void sendCustomCommand(String roomID, String command, List<User> toUsers, ResultCallback callback);

    /**
     * Leaves the room, releases everything and stops the engine's threads, then runs
     * {@code onDestroyed} on the callback executor. Returns at once.
     */
    public abstract void destroyEngine(Runnable onDestroyed);
}
