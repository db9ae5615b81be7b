package dev.parley.app;

import dev.parley.app.video.FrameRenderer;
import dev.parley.engine.PlayStreamQuality;
import dev.parley.engine.PlayerMediaEvent;
import dev.parley.engine.PlayerState;
import dev.parley.engine.RemoteDeviceState;
import dev.parley.engine.Stream;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyFloatProperty;
import javafx.beans.property.ReadOnlyFloatWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * A stream the session plays: who publishes it, its player state, quality, last media event, the
 * remote camera and microphone, its sound level and whether its publisher speaks, the play volume
 * and audio mute chosen here, and the renderer its frames are drawn into.
 *
 * <p>Threading: properties change on the FX thread only. Lifecycle: created when the stream
 * appears in the room, closed (renderer closed, state NO_PLAY) when it leaves or the call ends.
 */
public final class RemoteStream {
    private final Stream stream;
    private final FrameRenderer renderer;
    private final ReadOnlyObjectWrapper<PlayerState> state = new ReadOnlyObjectWrapper<>(this, "state", PlayerState.NO_PLAY);
    private final ReadOnlyIntegerWrapper errorCode = new ReadOnlyIntegerWrapper(this, "errorCode");
    private final ReadOnlyObjectWrapper<PlayStreamQuality> quality = new ReadOnlyObjectWrapper<>(this, "quality");
    private final ReadOnlyObjectWrapper<PlayerMediaEvent> mediaEvent = new ReadOnlyObjectWrapper<>(this, "mediaEvent");
    private final ReadOnlyBooleanWrapper videoBroken = new ReadOnlyBooleanWrapper(this, "videoBroken");
    private final ReadOnlyObjectWrapper<RemoteDeviceState> camera =
            new ReadOnlyObjectWrapper<>(this, "camera", RemoteDeviceState.OPEN);
    private final ReadOnlyObjectWrapper<RemoteDeviceState> microphone =
            new ReadOnlyObjectWrapper<>(this, "microphone", RemoteDeviceState.OPEN);

    private final ReadOnlyFloatWrapper soundLevel = new ReadOnlyFloatWrapper(this, "soundLevel");
    private final ReadOnlyBooleanWrapper speaking = new ReadOnlyBooleanWrapper(this, "speaking");
    private final ReadOnlyIntegerWrapper playVolume = new ReadOnlyIntegerWrapper(this, "playVolume", 100);
    private final ReadOnlyBooleanWrapper audioMuted = new ReadOnlyBooleanWrapper(this, "audioMuted");

    RemoteStream(Stream stream, FrameRenderer renderer) {
        this.stream = stream;
        this.renderer = renderer;
    }

    public Stream stream() {
        return stream;
    }

    public String streamID() {
        return stream.streamID();
    }

    /** The publisher's name, as shown on the pane. */
    public String displayName() {
        return stream.user().userName();
    }

    public FrameRenderer renderer() {
        return renderer;
    }

    public ReadOnlyObjectProperty<PlayerState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The error code that came with the last state change; 0 for none. */
    public ReadOnlyIntegerProperty errorCodeProperty() {
        return errorCode.getReadOnlyProperty();
    }

    /** The last quality report, or null before the first one (about 3 s after playing starts). */
    public ReadOnlyObjectProperty<PlayStreamQuality> qualityProperty() {
        return quality.getReadOnlyProperty();
    }

    /** The last media event, or null when none came yet. */
    public ReadOnlyObjectProperty<PlayerMediaEvent> mediaEventProperty() {
        return mediaEvent.getReadOnlyProperty();
    }

    /**
     * True between VIDEO_BREAK_OCCUR and VIDEO_BREAK_RESUME while the remote camera is on: the pane
     * shows "Video paused". Frames stopping because the camera went off are no stall.
     */
    public ReadOnlyBooleanProperty videoBrokenProperty() {
        return videoBroken.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RemoteDeviceState> cameraProperty() {
        return camera.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RemoteDeviceState> microphoneProperty() {
        return microphone.getReadOnlyProperty();
    }

    /** The last level of its decoded audio, 0 to 100 (before the play volume and mute). */
    public ReadOnlyFloatProperty soundLevelProperty() {
        return soundLevel.getReadOnlyProperty();
    }

    /** Whether its publisher is speaking: the level over the threshold, held through short pauses. */
    public ReadOnlyBooleanProperty speakingProperty() {
        return speaking.getReadOnlyProperty();
    }

    /** The play volume chosen here, 0 to 200 (100: as received); set with {@link CallSession#setPlayVolume}. */
    public ReadOnlyIntegerProperty playVolumeProperty() {
        return playVolume.getReadOnlyProperty();
    }

    /** Whether its audio is muted here; set with {@link CallSession#mutePlayStreamAudio}. */
    public ReadOnlyBooleanProperty audioMutedProperty() {
        return audioMuted.getReadOnlyProperty();
    }

    void soundLevel(float level, boolean speakingNow) {
        soundLevel.set(level);
        speaking.set(speakingNow);
    }

    void playback(int volume, boolean muted) {
        playVolume.set(volume);
        audioMuted.set(muted);
    }

    void state(PlayerState value, int code) {
        errorCode.set(code);
        state.set(value);
    }

    void quality(PlayStreamQuality value) {
        quality.set(value);
    }

    void mediaEvent(PlayerMediaEvent event) {
        mediaEvent.set(event);
        if (event == PlayerMediaEvent.VIDEO_BREAK_OCCUR) {
            // no frames while the camera is off is no stall
            videoBroken.set(camera.get() == RemoteDeviceState.OPEN);
        } else if (event == PlayerMediaEvent.VIDEO_BREAK_RESUME) {
            videoBroken.set(false);
        }
    }

    void camera(RemoteDeviceState value) {
        camera.set(value);
        if (value != RemoteDeviceState.OPEN) {
            videoBroken.set(false);
        }
    }

    void microphone(RemoteDeviceState value) {
        microphone.set(value);
    }

    void close() {
        renderer.close();
        soundLevel(0, false);
        state.set(PlayerState.NO_PLAY);
    }
}
