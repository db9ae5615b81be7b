package dev.parley.engine.internal.media;

import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.parley.engine.internal.audio.LocalAudio;
import dev.parley.engine.internal.core.Confinement;
import dev.parley.engine.internal.devices.LocalVideo;
import dev.parley.engine.internal.devices.ScreenShare;
import dev.parley.engine.internal.rtc.MediaFactory;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The one place that puts the local tracks on send connections and takes them off: it knows which
 * connection carries the camera (or test pattern), the screen and the microphone (or tone), takes
 * each track from its source when a connection opens and gives it back when the connection closes,
 * and, when a source replaces its track (another camera, screen or microphone), replaces it on
 * every connection that carries it, without renegotiating.
 *
 * <p>RTC thread only. Lives as long as the engine's media.
 */
final class SendTracks {
    private final MediaFactory factory;
    private final LocalVideo camera;
    private final ScreenShare screen;
    private final LocalAudio audio;
    private final BooleanSupplier audioOn;
    private final Confinement rtc;
    private final Set<PeerLink> withCamera = new LinkedHashSet<>();
    private final Set<PeerLink> withScreen = new LinkedHashSet<>();
    private final Set<PeerLink> withAudio = new LinkedHashSet<>();

    SendTracks(MediaFactory factory, LocalVideo camera, ScreenShare screen, LocalAudio audio, BooleanSupplier audioOn,
               Confinement rtc) {
        this.factory = factory;
        this.camera = camera;
        this.screen = screen;
        this.audio = audio;
        this.audioOn = audioOn;
        this.rtc = rtc;
    }

    /**
     * Opens a MAIN stream's connection and offers the camera (unless {@code withVideo} is false),
     * in three simulcast layers with {@code simulcast}, and the microphone.
     */
    void openMain(PeerLink link, RTCConfiguration configuration, boolean withVideo, int bitrateKbps, boolean simulcast) {
        rtc.check();
        link.open(factory.get(), configuration);
        VideoTrack video = withVideo ? camera.acquire() : null;
        audio.enable(audioOn.getAsBoolean());
        link.offer(video, audio.acquire(), bitrateKbps, simulcast, audio.lock());
        if (withVideo) {
            withCamera.add(link);
        }
        withAudio.add(link);
    }

    /** Opens an AUX stream's connection and offers the screen, if it can be captured; AUX carries no audio. */
    void openScreen(PeerLink link, RTCConfiguration configuration, int bitrateKbps) {
        rtc.check();
        link.open(factory.get(), configuration);
        VideoTrack video = screen.acquire();
        if (video != null) {
            withScreen.add(link);
        }
        link.offer(video, null, bitrateKbps, audio.lock());
    }

    /** Closes a send connection and gives back only what it took: one whose opening failed took nothing. */
    void close(PeerLink link) {
        rtc.check();
        link.close(audio.lock());
        if (withScreen.remove(link)) {
            screen.release();
        }
        if (withCamera.remove(link)) {
            camera.release();
        }
        if (withAudio.remove(link)) {
            audio.release();
        }
    }

    /** The local video has a new track (another camera): every connection that carries the camera sends it. */
    void cameraReplaced(VideoTrack track) {
        rtc.check();
        for (PeerLink link : withCamera) {
            link.replaceVideo(track);
        }
    }

    /** The share moved to another screen. */
    void screenMoved(VideoTrack track) {
        rtc.check();
        for (PeerLink link : withScreen) {
            link.replaceVideo(track);
        }
    }

    /** The local audio has a new track (another microphone, the tone, or silence). */
    void audioReplaced(AudioTrack track) {
        rtc.check();
        for (PeerLink link : withAudio) {
            link.replaceAudio(track, audio.lock());
        }
    }

    /** At destroy, after every connection closed. */
    void dispose() {
        rtc.check();
        withCamera.clear();
        withScreen.clear();
        withAudio.clear();
    }
}
