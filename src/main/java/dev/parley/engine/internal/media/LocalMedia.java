package dev.parley.engine.internal.media;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.parley.engine.AudioDeviceMode;
import dev.parley.engine.Canvas;
import dev.parley.engine.DeviceInfo;
import dev.parley.engine.IceTransportPolicy;
import dev.parley.engine.ResultCallback;
import dev.parley.engine.VideoConfig;
import dev.parley.engine.internal.audio.AudioDeviceEvents;
import dev.parley.engine.internal.audio.CapturedSoundLevel;
import dev.parley.engine.internal.audio.LocalAudio;
import dev.parley.engine.internal.core.CallbackDispatcher;
import dev.parley.engine.internal.core.Scheduler;
import dev.parley.engine.internal.devices.DeviceWatch;
import dev.parley.engine.internal.devices.LocalVideo;
import dev.parley.engine.internal.devices.ScreenShare;
import dev.parley.engine.internal.rtc.MediaFactory;
import dev.parley.engine.internal.rtc.RtcThread;
import dev.parley.protocol.ErrorCode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine's media, from createEngine to destroy: the RTC thread and the factory, the local
 * video ({@link LocalVideo}), screen ({@link ScreenShare}) and audio ({@link LocalAudio}) with the
 * camera and microphone switches, the device watch, and {@link SendTracks}, which puts those
 * tracks on the send connections of every room; the sound level monitor ({@link SoundLevels}) and
 * the playback settings of played streams ({@link PlaybackSettings}), which every room's plays
 * follow. The engine's device, preview, mute, sound level and playback calls come here; each room
 * session gets its {@link RoomMedia} from {@link #openRoom}.
 *
 * <p>The public methods are thread-safe and return at once; webrtc-java work goes to the RTC
 * thread. The package-private ones serve the room media on the engine loop, except where marked.
 */
public final class LocalMedia implements EngineMedia {
    private static final Logger LOG = LoggerFactory.getLogger(LocalMedia.class);

    private final Scheduler loop;
    private final CallbackDispatcher callbacks;
    private final RtcThread rtc;
    private final MediaFactory factory;
    private final LocalAudio audio;
    private final LocalVideo video;
    private final ScreenShare screen;
    private final DeviceWatch devices;
    private final SendTracks tracks;
    private final IceTransportPolicy iceTransportPolicy;
    private final SoundLevels soundLevels;
    private final PlaybackSettings playback = new PlaybackSettings();
    /** The open rooms' media, which playback changes reach. */
    private final List<RoomMediaSession> rooms = new CopyOnWriteArrayList<>();
    private volatile VideoConfig videoConfig;
    private volatile boolean cameraEnabled = true;
    private volatile boolean microphoneMuted;
    private volatile boolean publishAudioMuted;
    private volatile boolean publishVideoMuted;

    public LocalMedia(int engineNumber, VideoConfig videoConfig, AudioDeviceMode audioDevices,
                      IceTransportPolicy iceTransportPolicy, Scheduler loop, CallbackDispatcher callbacks) {
        this.iceTransportPolicy = iceTransportPolicy;
        this.loop = loop;
        this.callbacks = callbacks;
        this.videoConfig = videoConfig;
        this.rtc = new RtcThread(engineNumber);
        this.factory = new MediaFactory(audioDevices, rtc.confinement());
        this.audio = new LocalAudio(factory, engineNumber, new AudioDeviceEvents(callbacks), rtc.confinement(),
                this::audioReplaced);
        this.video = new LocalVideo(factory, engineNumber, callbacks, rtc.confinement(), this::videoConfig, this::videoOn,
                this::cameraReplaced);
        this.screen = new ScreenShare(factory::get, engineNumber, rtc.confinement(), this::screenMoved);
        this.tracks = new SendTracks(factory, video, screen, audio, this::audioOn, rtc.confinement());
        this.devices = new DeviceWatch(loop, look -> rtc.execute("look at devices", look), () -> {
            video.lookForCameras();
            audio.refresh();
        });
        this.soundLevels = new SoundLevels(loop, rtc, callbacks, new CapturedSoundLevel(factory, audio, rtc.confinement()),
                () -> microphoneMuted);
    }

    // the sources tell of new tracks on the RTC thread; the send connections take them
    private void cameraReplaced(VideoTrack track) {
        tracks.cameraReplaced(track);
    }

    private void screenMoved(VideoTrack track) {
        tracks.screenMoved(track);
    }

    private void audioReplaced(AudioTrack track) {
        tracks.audioReplaced(track);
    }

    // ---- for the room layer ----

    @Override
    public RoomMedia openRoom(RoomPort room) {
        RoomMediaSession session = new RoomMediaSession(this, room);
        rooms.add(session);
        return session;
    }

    void roomClosed(RoomMediaSession session) {
        rooms.remove(session);
    }

    /** Whether published streams carry live video now. */
    @Override
    public boolean videoOn() {
        return cameraEnabled && !publishVideoMuted;
    }

    /** Whether published streams carry live audio now. */
    @Override
    public boolean audioOn() {
        return !microphoneMuted && !publishAudioMuted;
    }

    @Override
    public String screenUnavailableReason() {
        return ScreenShare.unavailableReason();
    }

    // ---- the engine's calls ----

    public void enableCamera(boolean enable) {
        cameraEnabled = enable;
        applyMute();
    }

    public void muteMicrophone(boolean mute) {
        microphoneMuted = mute;
        applyMute();
    }

    public void mutePublishAudio(boolean mute) {
        publishAudioMuted = mute;
        applyMute();
    }

    public void mutePublishVideo(boolean mute) {
        publishVideoMuted = mute;
        applyMute();
    }

    private void applyMute() {
        boolean videoLive = videoOn();
        boolean audioLive = audioOn();
        rtc.execute("apply mute", () -> {
            video.enable(videoLive);
            audio.enable(audioLive);
        });
    }

    public void startPreview(Canvas canvas) {
        rtc.execute("start preview", () -> video.startPreview(canvas.sink()));
    }

    public void stopPreview() {
        rtc.execute("stop preview", video::stopPreview);
    }

    public VideoConfig videoConfig() {
        return videoConfig;
    }

    /** The size, rate and bitrate of what is captured and published from now on. */
    public void videoConfig(VideoConfig value) {
        this.videoConfig = value;
    }

    /** The cameras, test pattern first; never blocks (the list is kept current by the device watch). */
    public List<DeviceInfo> videoDevices() {
        devices.start();
        return video.devices();
    }

    /** The microphones as last listed; never blocks. */
    public List<DeviceInfo> audioDevices() {
        devices.start();
        return audio.devices();
    }

    /** The screens an AUX stream can share, the primary first; empty without a display. */
    public List<DeviceInfo> screens() {
        return ScreenShare.screens();
    }

    /** Selects the video device; switches a running capture, keeping every connection. */
    public void useVideoDevice(String deviceId) {
        rtc.execute("use video device", () -> video.use(deviceId));
    }

    /** Selects the microphone; switches running audio on every connection. */
    public void useAudioDevice(String deviceId) {
        rtc.execute("use audio device", () -> {
            if (!audio.knows(deviceId)) {
                deviceNotFound(deviceId);
                return;
            }
            audio.use(deviceId);
        });
    }

    /** Selects the screen to share; moves a running share, keeping every connection. */
    public void useScreen(String screenId) {
        rtc.execute("use screen", () -> {
            if (!screen.use(screenId)) {
                deviceNotFound(screenId);
            }
        });
    }

    private void deviceNotFound(String deviceId) {
        int code = ErrorCode.DEVICE_NOT_FOUND.code();
        callbacks.emit(h -> h.onDeviceError(code, deviceId));
    }

    /** Looks at the cameras and microphones now; {@code done} runs on the callback executor afterwards. */
    public void refreshDevices(ResultCallback done) {
        devices.lookNow(() -> {
            if (done != null) {
                callbacks.run(() -> done.onResult(0));
            }
        });
    }

    // ---- sound levels and playback (engine loop) ----

    /** Reports the captured and the played streams' sound levels every {@code intervalMillis}. */
    public void startSoundLevelMonitor(int intervalMillis) {
        soundLevels.start(intervalMillis);
        devices.start(); // microphones plugged in or out change what is measured
    }

    public void stopSoundLevelMonitor() {
        soundLevels.stop();
    }

    /**
     * A stream's play volume, 0 to 200: 0 silences it, 100 plays it as received, any other value
     * scales it (through a playout of its own; as received where there are no sound devices).
     */
    public void setPlayVolume(String streamId, int volume) {
        loop.confinement().check();
        playback.volume(streamId, volume);
        playbackChanged(streamId);
    }

    public void mutePlayAudio(String streamId, boolean mute) {
        loop.confinement().check();
        playback.muteAudio(streamId, mute);
        playbackChanged(streamId);
    }

    public void mutePlayVideo(String streamId, boolean mute) {
        loop.confinement().check();
        playback.muteVideo(streamId, mute);
        playbackChanged(streamId);
    }

    /** Any thread: {@link #speakerMuted()} says so at once; the plays follow on the engine loop. */
    public void muteSpeaker(boolean mute) {
        playback.muteSpeaker(mute);
        loop.execute(() -> playbackChanged(null));
    }

    /** Whether all played audio is silent; any thread. */
    public boolean speakerMuted() {
        return playback.speakerMuted();
    }

    private void playbackChanged(String streamId) {
        for (RoomMediaSession room : rooms) {
            room.playbackChanged(streamId);
        }
    }

    /** Releases everything in the order webrtc-java needs, then stops the RTC thread; waits. */
    public void dispose() {
        soundLevels.stop();
        try {
            rtc.call(() -> {
                soundLevels.dispose();
                video.stopPreview();
                audio.dispose();
                video.dispose();
                screen.dispose();
                tracks.dispose();
                factory.dispose();
                return null;
            }, 10_000);
        } catch (Exception e) {
            LOG.warn("media dispose failed: {}", e.toString());
        }
        rtc.shutdown();
        try {
            rtc.awaitTermination(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- for the room media ----

    PlaybackSettings playback() {
        return playback;
    }

    SoundLevels soundLevels() {
        return soundLevels;
    }

    Scheduler loop() {
        return loop;
    }

    CallbackDispatcher callbacks() {
        return callbacks;
    }

    RtcThread rtc() {
        return rtc;
    }

    /** Which candidates every connection may use, from the engine's profile. */
    IceTransportPolicy iceTransportPolicy() {
        return iceTransportPolicy;
    }

    /** RTC thread: the factory for new connections. */
    PeerConnectionFactory factory() {
        return factory.get();
    }

    /** RTC thread: the local tracks on the send connections. */
    SendTracks tracks() {
        return tracks;
    }

    /** Whether send connections start with video: false gives an audio-only call. */
    boolean cameraEnabled() {
        return cameraEnabled;
    }

    /** RTC thread: an audio device module of its own for a stream played at its own volume; null without sound devices. */
    AudioDeviceModule openPlayoutModule() {
        return factory.openFurtherModule();
    }

    /** RTC thread: whether received audio reaches speakers (otherwise video is not synced to it). */
    boolean audioPlayed() {
        return factory.playsAudio();
    }

    Object audioLock() {
        return audio.lock();
    }

    /** A send connection with audio starts negotiating: hold the test tone back until it settles. Any thread. */
    void audioUnsettled(Object link) {
        audio.unsettled(link);
    }

    /** RTC thread: the connection's audio stream runs. */
    void audioSettled(Object link) {
        audio.settled(link);
    }

    /** The connection closed before it settled. */
    void audioAbandoned(Object link) {
        rtc.execute("abandon audio", () -> audio.abandoned(link));
    }

    /** Frames captured so far by the local video, across device switches; any thread. */
    long capturedFrames() {
        return video.capturedFrames();
    }
}
