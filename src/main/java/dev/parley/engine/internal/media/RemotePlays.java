package dev.parley.engine.internal.media;

import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import dev.parley.engine.Canvas;
import dev.parley.engine.PlayerState;
import dev.parley.engine.Stream;
import dev.parley.engine.internal.core.CallbackDispatcher;
import dev.parley.engine.internal.core.Cancellable;
import dev.parley.engine.internal.core.Scheduler;
import dev.parley.engine.internal.audio.SoundMeter;
import dev.parley.engine.internal.rtc.NativeVideoFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MediaMode;
import dev.parley.protocol.PlayLayer;
import dev.parley.protocol.SignalKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams this client plays: for each, a receive-only connection from its publisher, asked for
 * with a PLAY_REQUEST and offered by the publisher, with the player states NO_PLAY,
 * PLAY_REQUESTING and PLAYING, the first-frame events, and recovery: a connection that stays
 * disconnected asks for an ICE restart on the same connection, one that fails is negotiated again,
 * and one whose TURN relay refused the credentials reports {@link ErrorCode#ENGINE_RELAY_REFUSED}
 * and asks again every few seconds.
 * In an SFU room the offer comes from the media server ({@link MediaMode#MEDIA_SERVER_PEER}), the
 * answer and candidates go back to it, a HANGUP from it (it lost the connection, or restarted)
 * asks again after a pause, and the simulcast layer asked for with {@link #layer} goes with each
 * request.
 * The engine's {@link PlaybackSettings} apply to every connection of a play: its audio is played
 * as received, at a volume of its own ({@link PlayedAudio}) or kept silent, and while its video is muted the answers say inactive for the video, so that
 * the sender stops sending it; a change during a play asks for a new offer on the same connection
 * (the ICE restart request, which both a publisher and the media server answer), one at a time.
 *
 * <p>Engine loop only; webrtc-java work goes to the RTC thread, decoded frames arrive on the
 * decode thread. Lives as long as its room session.
 */
final class RemotePlays implements PeerLink.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(RemotePlays.class);
    /** How long a receive connection may stay disconnected before it asks for an ICE restart. */
    private static final long ICE_RESTART_AFTER_MILLIS = 2000;
    /** The PLAY_REQUEST payload that asks the publisher to restart ICE on the current connection. */
    static final String ICE_RESTART = "ice-restart";
    /** The pause before a play the media server hung up (or could not serve) asks again. */
    static final long ASK_AGAIN_MILLIS = 500;
    /** The HANGUP payload of a publisher whose connection to this player the TURN relay refused. */
    static final String RELAY_REFUSED = "relay-refused";
    /**
     * The pause before a play whose relay refused the credentials asks again: a new connection
     * takes the credentials the server gave last, which it renews before they expire.
     */
    static final long RELAY_RETRY_MILLIS = 5000;

    /** One stream this client plays. */
    private static final class Play {
        final String streamId;
        final Canvas canvas;
        PlayerState state = PlayerState.NO_PLAY;
        String publisherId;
        PeerLink link;
        MediaQuality.PlayMeter meter;
        /** An ICE restart was asked for on {@link #link}; its offer applies to the same connection. */
        boolean restarting;
        /** The simulcast layer asked for; only SFU rooms have layers. */
        PlayLayer layer = PlayLayer.DEFAULT;
        Cancellable retry;
        /** The relay refused the last connection, and PLAY_REQUESTING with the code was reported. */
        boolean relayRefused;
        /** The decoded audio of the current connection, for the sound level monitor. */
        SoundMeter audioMeter;
        /** A new offer on {@link #link} was asked for to apply a playback setting, not yet answered. */
        boolean reoffering;
        /** A setting changed while {@link #reoffering}: ask again once that offer is answered. */
        boolean reofferAgain;
        /** {@link #link} sent its first answer: it may be asked for another offer. */
        boolean answered;
        /** Where the audio of {@link #link} is heard; used on the RTC thread. */
        PlayedAudio audio;
        /** Whether {@link #link} was last told to receive the video. */
        boolean receivingVideo = true;

        Play(String streamId, Canvas canvas) {
            this.streamId = streamId;
            this.canvas = canvas;
        }
    }

    private final LocalMedia media;
    private final Scheduler loop;
    private final CallbackDispatcher callbacks;
    private final RoomPort room;
    private final LinkConfiguration configuration;
    private final Map<String, Play> plays = new HashMap<>();
    /** Whether the room's media goes through the media server. */
    private boolean viaMediaServer;

    RemotePlays(LocalMedia media, RoomPort room, LinkConfiguration configuration) {
        this.media = media;
        this.loop = media.loop();
        this.callbacks = media.callbacks();
        this.room = room;
        this.configuration = configuration;
    }

    /** The room's media mode, told at each login: in SFU rooms the media server offers. */
    void mediaMode(MediaMode mode) {
        loop.confinement().check();
        viaMediaServer = mode == MediaMode.SFU;
    }

    void start(String streamId, Canvas canvas, PlayLayer layer) {
        loop.confinement().check();
        Play existing = plays.get(streamId);
        if (existing != null) {
            closeLink(existing);
            cancelRetry(existing);
        }
        Play play = new Play(streamId, canvas);
        play.layer = layer;
        plays.put(streamId, play);
        setState(play, PlayerState.PLAY_REQUESTING, 0);
        requestIfLive(play);
    }

    void stop(String streamId) {
        loop.confinement().check();
        Play play = plays.remove(streamId);
        if (play == null) {
            return;
        }
        cancelRetry(play);
        if (play.link != null && room.connected()) {
            Relay.send(room, streamId, play.publisherId, SignalKind.HANGUP, null);
        }
        closeLink(play);
        setState(play, PlayerState.NO_PLAY, 0);
    }

    /** The plays that receive media now, for the quality reports. */
    List<MediaQuality.PlayMeter> playing() {
        List<MediaQuality.PlayMeter> meters = new ArrayList<>();
        for (Play play : plays.values()) {
            if (play.meter != null && play.state == PlayerState.PLAYING) {
                meters.add(play.meter);
            }
        }
        return meters;
    }

    private void requestIfLive(Play play) {
        if (!room.connected()) {
            return;
        }
        String publisher = room.publisherOf(play.streamId);
        if (publisher == null) {
            return; // requested when the stream appears
        }
        play.publisherId = publisher;
        if (play.state != PlayerState.PLAY_REQUESTING) {
            setState(play, PlayerState.PLAY_REQUESTING, 0);
        }
        room.relay(play.streamId, play.publisherId, SignalKind.PLAY_REQUEST, null, code -> {
            if (code == ErrorCode.PLAYER_MEDIA_SERVER_UNAVAILABLE.code() && plays.get(play.streamId) == play) {
                // the media server is restarting: ask again in a moment
                setState(play, PlayerState.PLAY_REQUESTING, code);
                askAgainLater(play, ASK_AGAIN_MILLIS);
            } else if (code != 0 && plays.get(play.streamId) == play && play.link == null) {
                setState(play, PlayerState.NO_PLAY, code);
            }
        });
        if (viaMediaServer && play.layer != PlayLayer.DEFAULT) {
            room.setPlayLayer(play.streamId, play.layer);
        }
    }

    /** Chooses the simulcast layer of a stream played here (SFU rooms; a mesh stream has one layer). */
    void layer(String streamId, PlayLayer layer) {
        loop.confinement().check();
        Play play = plays.get(streamId);
        if (play == null || play.layer == layer) {
            return;
        }
        play.layer = layer;
        if (viaMediaServer && play.publisherId != null && room.connected()) {
            room.setPlayLayer(streamId, layer);
        }
    }

    /**
     * The media server ended this play's connection: ask again after a pause. In a mesh the
     * publisher hangs up only when the relay refused its end of the connection.
     */
    void onHangup(String streamId, String fromUserId, String payload) {
        loop.confinement().check();
        Play play = plays.get(streamId);
        if (play == null) {
            return;
        }
        if (!viaMediaServer) {
            if (RELAY_REFUSED.equals(payload) && fromUserId.equals(play.publisherId) && play.link != null) {
                LOG.info("the relay refused the publisher's end of {}", streamId);
                relayRefused(play);
            }
            return;
        }
        if (!MediaMode.MEDIA_SERVER_PEER.equals(fromUserId)) {
            return;
        }
        LOG.info("the media server hung up {}; asking again", streamId);
        closeLink(play);
        setState(play, PlayerState.PLAY_REQUESTING, 0);
        askAgainLater(play, ASK_AGAIN_MILLIS);
    }

    /** The relay refused this play's connection (at either end): report it once, and ask again later. */
    private void relayRefused(Play play) {
        closeLink(play);
        if (!play.relayRefused) {
            play.relayRefused = true;
            setState(play, PlayerState.PLAY_REQUESTING, ErrorCode.ENGINE_RELAY_REFUSED.code());
        }
        askAgainLater(play, RELAY_RETRY_MILLIS);
    }

    private void askAgainLater(Play play, long millis) {
        cancelRetry(play);
        play.retry = loop.schedule(() -> {
            play.retry = null;
            if (plays.get(play.streamId) == play && play.link == null) {
                requestIfLive(play);
            }
        }, millis);
    }

    private static void cancelRetry(Play play) {
        if (play.retry != null) {
            play.retry.cancel();
            play.retry = null;
        }
    }

    /** Streams appeared: plays that wait for them ask now. */
    void onStreamsAdded(List<Stream> streams) {
        loop.confinement().check();
        for (Stream s : streams) {
            Play play = plays.get(s.streamID());
            if (play != null && play.link == null) {
                requestIfLive(play);
            }
        }
    }

    /** Streams left: their plays end. */
    void onStreamsDeleted(List<Stream> streams) {
        loop.confinement().check();
        for (Stream s : streams) {
            Play play = plays.get(s.streamID());
            if (play != null) {
                closeLink(play);
                setState(play, PlayerState.NO_PLAY, ErrorCode.PLAYER_STREAM_NOT_FOUND.code());
            }
        }
    }

    /** Logged in or reconnected: plays without a connection ask again. */
    void onRoomConnected() {
        loop.confinement().check();
        for (Play play : new ArrayList<>(plays.values())) {
            if (play.link == null) {
                requestIfLive(play);
            }
        }
    }

    /** The publisher offers: a fresh receive connection, or the same one after an ICE restart. */
    void onOffer(String streamId, String fromUserId, String offerSdp) {
        loop.confinement().check();
        Play play = plays.get(streamId);
        if (play == null || !(fromUserId.equals(play.publisherId)
                || viaMediaServer && MediaMode.MEDIA_SERVER_PEER.equals(fromUserId))) {
            return;
        }
        if ((play.restarting || play.reoffering) && play.link != null) {
            play.restarting = false;
            play.reoffering = false;
            PeerLink same = play.link;
            media.rtc().execute("answer ice restart", () -> same.answer(offerSdp, media.audioPlayed()));
            return;
        }
        closeLink(play);
        AtomicBoolean firstFrame = new AtomicBoolean();
        MediaQuality.PlayMeter[] meter = new MediaQuality.PlayMeter[1];
        PlaybackSettings playback = media.playback();
        NativeVideoFrame view = new NativeVideoFrame();
        VideoTrackSink sink = frame -> {
            try {
                if (!playback.receivesVideo(play.streamId)) {
                    return; // muted here: the frames still on their way are not shown
                }
                if (firstFrame.compareAndSet(false, true)) {
                    loop.execute(() -> onFirstFrame(play));
                }
                play.canvas.sink().onFrame(view.next(frame));
                meter[0].frameRendered();
            } finally {
                frame.release();
            }
        };
        SoundMeter audioMeter = new SoundMeter();
        AudioTrackSink audioSink = (data, bitsPerSample, sampleRate, channels, frames) -> {
            if (bitsPerSample == 16) {
                audioMeter.add(data, frames * channels);
            }
        };
        // the answer and candidates go back to whoever offered: the publisher, or the media server
        PeerLink link = new PeerLink(play.streamId, fromUserId, false, media.rtc(), loop, this, sink, audioSink);
        meter[0] = new MediaQuality.PlayMeter(play.streamId, link, loop);
        meter[0].videoWanted = playback.receivesVideo(play.streamId);
        play.link = link;
        play.meter = meter[0];
        play.audioMeter = audioMeter;
        media.soundLevels().played(play.streamId, audioMeter, link::meterAudio);
        boolean audible = playback.audible(play.streamId);
        int volume = playback.of(play.streamId).volume();
        boolean video = playback.receivesVideo(play.streamId);
        play.receivingVideo = video;
        PlayedAudio audio = new PlayedAudio(play.streamId, link, media::openPlayoutModule, media.rtc().confinement());
        play.audio = audio;
        var linkConfiguration = configuration.create();
        media.rtc().execute("answer offer", () -> {
            link.open(media.factory(), linkConfiguration);
            audio.apply(audible, volume);
            link.receiveVideo(video);
            link.answer(offerSdp, media.audioPlayed());
        });
    }

    /** Adds a candidate from the publisher of a stream played here; false when there is no such play. */
    boolean addCandidate(String streamId, String fromUserId, RTCIceCandidate candidate) {
        loop.confinement().check();
        Play play = plays.get(streamId);
        if (play == null || play.link == null || !fromUserId.equals(play.link.remoteUserId())) {
            return false;
        }
        if (candidate != null) {
            PeerLink target = play.link;
            media.rtc().execute("add candidate", () -> target.addRemoteCandidate(candidate));
        }
        return true;
    }

    private void onFirstFrame(Play play) {
        if (plays.get(play.streamId) != play) {
            return;
        }
        String id = play.streamId;
        callbacks.emit(h -> h.onPlayerRecvVideoFirstFrame(id));
        callbacks.emit(h -> h.onPlayerRenderVideoFirstFrame(id));
    }

    // ---- link events (engine loop) ----

    @Override
    public void onLocalDescription(PeerLink link, RTCSdpType type, String sdp) {
        if (current(link)) {
            Relay.send(room, link.streamId(), link.remoteUserId(), type == RTCSdpType.OFFER ? SignalKind.OFFER
                    : SignalKind.ANSWER, sdp);
            Play play = plays.get(link.streamId());
            if (type == RTCSdpType.ANSWER) {
                play.answered = true;
            }
            if (type == RTCSdpType.ANSWER && play.reofferAgain) {
                // a setting changed while the last offer was answered; the publisher has this answer first
                play.reofferAgain = false;
                askReoffer(play);
            }
        }
    }

    // ---- playback settings (engine loop) ----

    /** The playback settings of {@code streamId} (or of every stream, with null) changed: apply them to its connection. */
    void playbackChanged(String streamId) {
        loop.confinement().check();
        for (Play play : new ArrayList<>(plays.values())) {
            if (streamId == null || play.streamId.equals(streamId)) {
                apply(play);
            }
        }
    }

    private void apply(Play play) {
        PlaybackSettings playback = media.playback();
        PeerLink link = play.link;
        if (link == null) {
            return; // the next connection starts with the settings
        }
        boolean audible = playback.audible(play.streamId);
        int volume = playback.of(play.streamId).volume();
        boolean video = playback.receivesVideo(play.streamId);
        PlayedAudio audio = play.audio;
        media.rtc().execute("apply playback settings", () -> {
            audio.apply(audible, volume);
            link.receiveVideo(video);
        });
        if (play.meter != null && play.meter.videoWanted != video) {
            play.meter.videoWanted = video;
            play.meter.lastFrameNanos = 0; // no stall to report until the next frame
        }
        if (video != play.receivingVideo) {
            play.receivingVideo = video;
            askReoffer(play);
        }
    }

    /** Asks for a new offer on the current connection, whose answer carries the video setting; one at a time. */
    private void askReoffer(Play play) {
        if (play.link == null || !room.connected() || play.publisherId == null) {
            return;
        }
        if (play.reoffering || play.restarting || !play.answered) {
            play.reofferAgain = true;
            return;
        }
        play.reoffering = true;
        play.restarting = true;
        Relay.send(room, play.streamId, play.publisherId, SignalKind.PLAY_REQUEST, ICE_RESTART);
    }

    @Override
    public void onLocalCandidate(PeerLink link, RTCIceCandidate candidate) {
        if (current(link)) {
            Relay.sendCandidate(room, link, candidate);
        }
    }

    @Override
    public void onConnectionState(PeerLink link, RTCPeerConnectionState state) {
        LOG.debug("receive link for {} with {}: {}", link.streamId(), link.remoteUserId(), state);
        if (!current(link)) {
            return;
        }
        Play play = plays.get(link.streamId());
        if (state == RTCPeerConnectionState.CONNECTED) {
            play.restarting = false;
            play.relayRefused = false;
            setState(play, PlayerState.PLAYING, 0);
        } else if (state == RTCPeerConnectionState.DISCONNECTED) {
            loop.schedule(() -> askIceRestart(play, link), ICE_RESTART_AFTER_MILLIS);
        } else if (state == RTCPeerConnectionState.FAILED && link.relayRefused()) {
            // no direct path worked, and the relay that could have carried it refused the credentials
            LOG.info("receive link for {} failed with the relay's credentials refused", play.streamId);
            relayRefused(play);
        } else if (state == RTCPeerConnectionState.FAILED) {
            // connectivity is gone for good: negotiate a fresh connection with the publisher
            LOG.info("receive link for {} failed; asking the publisher again", play.streamId);
            closeLink(play);
            setState(play, PlayerState.PLAY_REQUESTING, ErrorCode.PLAYER_MEDIA_FAILED.code());
            requestIfLive(play);
        }
    }

    /** The receive connection is still down: its network may have changed, so ask for new candidates. */
    private void askIceRestart(Play play, PeerLink link) {
        boolean down = link.connectionState() == RTCPeerConnectionState.DISCONNECTED;
        if (down && plays.get(play.streamId) == play && play.link == link && !play.restarting && room.connected()) {
            LOG.info("receive link for {} still disconnected; asking for an ICE restart", play.streamId);
            play.restarting = true;
            Relay.send(room, play.streamId, play.publisherId, SignalKind.PLAY_REQUEST, ICE_RESTART);
        }
    }

    @Override
    public void onRelayRefused(PeerLink link) {
        if (current(link)) {
            LOG.info("receive link for {}: the relay refused the credentials", link.streamId());
            relayRefused(plays.get(link.streamId()));
        }
    }

    @Override
    public void onFailure(PeerLink link, String what) {
        LOG.warn("receive link for {} with {} failed: {}", link.streamId(), link.remoteUserId(), what);
        Play play = plays.get(link.streamId());
        if (play != null && play.link == link) {
            closeLink(play);
            setState(play, PlayerState.NO_PLAY, ErrorCode.PLAYER_MEDIA_FAILED.code());
        }
    }

    private boolean current(PeerLink link) {
        Play play = plays.get(link.streamId());
        return play != null && play.link == link;
    }

    private void closeLink(Play play) {
        PeerLink link = play.link;
        PlayedAudio audio = play.audio;
        play.link = null;
        play.audio = null;
        play.meter = null;
        play.reoffering = false;
        play.reofferAgain = false;
        play.answered = false;
        if (play.audioMeter != null) {
            media.soundLevels().unplayed(play.streamId, play.audioMeter);
            play.audioMeter = null;
        }
        if (link != null) {
            media.rtc().execute("close receive link", () -> {
                audio.close();
                link.close(media.audioLock());
            });
        }
    }

    private void setState(Play play, PlayerState state, int code) {
        if (play.state == state && code == 0) {
            return;
        }
        play.state = state;
        String id = play.streamId;
        callbacks.emit(h -> h.onPlayerStateUpdate(id, state, code, "{}"));
    }

    /** The room session ended: every play ends with {@code code}. */
    void close(int code) {
        loop.confinement().check();
        for (Play play : plays.values()) {
            cancelRetry(play);
            closeLink(play);
            setState(play, PlayerState.NO_PLAY, code);
        }
        plays.clear();
    }
}
