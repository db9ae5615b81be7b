package dev.parley.engine;

import java.util.List;
import java.util.Map;

/**
 * The engine's events. Every method defaults to doing nothing; override those you need.
 *
 * <p>Threading: every method runs on the profile's callback executor, one at a time and in the
 * order the events happened; never on a socket, timer or media thread. Engine methods may be
 * called from inside a callback. A callback that throws is logged and does not stop later ones.
 *
 * <p>Error codes are {@link dev.parley.protocol.ErrorCode} values; {@code extendedData} is JSON,
 * "{}" when there is nothing to add.
 */
public interface EventHandler {

    /** This client's connection state in a room changed. */
    default void onRoomStateUpdate(String roomID, RoomState state, int errorCode, String extendedData) {
    }

    /** Why the room state changed; every change comes with one of the nine reasons. */
    default void onRoomStateChanged(String roomID, RoomStateChangedReason reason, int errorCode, String extendedData) {
    }

    /**
     * Other users entered or left the room. Only when the login asked for it with
     * {@link RoomConfig#isUserStatusNotify()}; never about this client's own user.
     */
    default void onRoomUserUpdate(String roomID, UpdateType updateType, List<User> users) {
    }

    /** Other users' streams were added or deleted. Streams already in the room arrive as ADD right after login. */
    default void onRoomStreamUpdate(String roomID, UpdateType updateType, List<Stream> streams, String extendedData) {
    }

    /** The extra info of other users' streams changed. */
    default void onRoomStreamExtraInfoUpdate(String roomID, List<Stream> streams) {
    }

    /** The room's extra info changed; also delivered after login for keys already set. */
    default void onRoomExtraInfoUpdate(String roomID, List<RoomExtraInfo> infos) {
    }

    /** The token of this session expires in {@code remainTimeInSecond}; call {@link ParleyEngine#renewToken}. */
    default void onRoomTokenWillExpire(String roomID, int remainTimeInSecond) {
    }

    /**
     * A token given to {@link ParleyEngine#renewToken} was not taken: the session goes on with its
     * current token, and ends at that token's expiry unless another renewal succeeds.
     * {@code errorCode} is {@code 1002023} (ROOM_TOKEN_RENEW_FAILED) when the server refused the
     * token, whatever was wrong with it (the engine logs the server's precise cause), or
     * {@code 1002021} (ROOM_NOT_LOGGED_IN_TO_ROOM) when {@code roomID} is not the room this
     * client is in. Runs on the callback executor, like every event.
     */
    default void onRoomTokenRenewFailed(String roomID, int errorCode) {
    }

    /** The state of a stream this client publishes changed. */
    default void onPublisherStateUpdate(String streamID, PublisherState state, int errorCode, String extendedData) {
    }

    /** The state of a stream this client plays changed. */
    default void onPlayerStateUpdate(String streamID, PlayerState state, int errorCode, String extendedData) {
    }

    /** Every 3 s while publishing: rates, RTT, loss and a summary level. */
    default void onPublisherQualityUpdate(String streamID, PublishStreamQuality quality) {
    }

    /** Every 3 s while playing: rates, RTT, loss, jitter and a summary level. */
    default void onPlayerQualityUpdate(String streamID, PlayStreamQuality quality) {
    }

    /** Another user's camera state for a stream: OPEN, MUTE (turned off), or DISABLE (the stream has no video). */
    default void onRemoteCameraStateUpdate(String streamID, RemoteDeviceState state) {
    }

    /** Another user's microphone state for a stream: OPEN or MUTE (every stream carries audio). */
    default void onRemoteMicStateUpdate(String streamID, RemoteDeviceState state) {
    }

    /**
     * Every 2 s: network quality of this client ({@code userID} null) and of the users whose
     * streams it plays (their upstream as seen here; their downstream is UNKNOWN).
     */
    default void onNetworkQuality(String userID, QualityLevel upstreamQuality, QualityLevel downstreamQuality) {
    }

    /** A camera or microphone failed or disappeared; {@code deviceID} names it. */
    default void onDeviceError(int errorCode, String deviceID) {
    }

    /**
     * A camera was plugged in (ADD) or removed (DELETE). The first look after the first device
     * use reports the cameras present as ADD. A removed camera that was in use also gives
     * onDeviceError with DEVICE_UNPLUGGED, and the test pattern is sent in its place.
     */
    default void onVideoDeviceStateChanged(UpdateType updateType, DeviceInfo device) {
    }

    /**
     * A microphone came (ADD) or went (DELETE); on Linux that is the system's default microphone
     * ({@link DeviceInfo#DEFAULT_MICROPHONE_ID}) appearing or disappearing. The first look after
     * the first device use reports the microphones present as ADD. When the microphone in use goes,
     * silence is sent and onDeviceError brings DEVICE_NO_MICROPHONE; when one comes back while no
     * microphone was chosen explicitly, it is used.
     */
    default void onAudioDeviceStateChanged(UpdateType updateType, DeviceInfo device) {
    }

    /** A played stream stalled (no frames for over 500 ms) or came back. */
    default void onPlayerMediaEvent(String streamID, PlayerMediaEvent event) {
    }

    /** The first frame of a played stream arrived from the network. */
    default void onPlayerRecvVideoFirstFrame(String streamID) {
    }

    /** The first frame of a played stream was handed to its canvas. */
    default void onPlayerRenderVideoFirstFrame(String streamID) {
    }

    /** The first frame was captured for the preview or for publishing. */
    default void onPublisherCapturedVideoFirstFrame(PublishChannel channel) {
    }

    /**
     * While {@link ParleyEngine#startSoundLevelMonitor} runs, every interval: the level of what this
     * engine captured since the last report, 0 to 100 (0 while the microphone is muted).
     */
    default void onCapturedSoundLevelUpdate(float soundLevel) {
    }

    /**
     * While {@link ParleyEngine#startSoundLevelMonitor} runs, every interval, after
     * {@link #onCapturedSoundLevelUpdate}: the level of each played stream's received audio since
     * the last report, 0 to 100, by stream ID (empty when nothing plays). It is the level that
     * arrives, whatever the stream's play volume and the speaker mute. The map is unmodifiable.
     */
    default void onRemoteSoundLevelUpdate(Map<String, Float> soundLevels) {
    }

    /** Broadcast messages from other users in the room. */
    default void onIMRecvBroadcastMessage(String roomID, List<BroadcastMessageInfo> messages) {
    }

    /** A custom command another user sent to this client. */
    default void onIMRecvCustomCommand(String roomID, User fromUser, String command) {
    }
}
