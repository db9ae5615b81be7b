package dev.parley.engine.internal;

import dev.onvoid.webrtc.RTCBundlePolicy;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import dev.parley.engine.Canvas;
import dev.parley.engine.PlayerState;
import dev.parley.engine.Stream;
import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.IceServer;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.SignalKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media of one room session: a send-only peer connection per player of each stream this
 * client publishes, and a receive-only one per stream it plays, negotiated through the server's
 * relay. Keeps the player states.
 *
 * <p>Not thread-safe; runs on the engine loop, and hands webrtc-java work to the RTC thread.
 * Lives as long as its room session.
 */
final class MediaSession implements PeerLink.Listener, MediaQuality.Streams {
    private static final Logger LOG = LoggerFactory.getLogger(MediaSession.class);
    private static final long AUDIO_SETTLE_MILLIS = 300;
    /** How long a receive connection may stay disconnected before it asks for an ICE restart. */
    private static final long ICE_RESTART_AFTER_MILLIS = 2000;
    /** The PLAY_REQUEST payload that asks the publisher to restart ICE on the current connection. */
    static final String ICE_RESTART = "ice-restart";

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

        Play(String streamId, Canvas canvas) {
            this.streamId = streamId;
            this.canvas = canvas;
        }
    }

    private final EngineContext engine;
    private final RoomSession room;
    private final MediaRuntime media;
    private final SendLinks sending;
    private final Map<String, Play> plays = new HashMap<>();
    private final MediaQuality quality;
    private List<IceServer> iceServers = List.of();

    MediaSession(EngineContext engine, RoomSession room, MediaRuntime media) {
        this.engine = engine;
        this.room = room;
        this.media = media;
        this.quality = new MediaQuality(engine, this);
        this.sending = new SendLinks(engine, media, this, quality::forget);
    }

    @Override
    public List<String> publishedStreamIds() {
        return room.publications().registeredStreamIds();
    }

    @Override
    public List<PeerLink> sendLinks(String streamId) {
        return sending.of(streamId);
    }

    @Override
    public List<MediaQuality.PlayMeter> playing() {
        List<MediaQuality.PlayMeter> meters = new ArrayList<>();
        for (Play play : plays.values()) {
            if (play.meter != null && play.state == PlayerState.PLAYING) {
                meters.add(play.meter);
            }
        }
        return meters;
    }

    void iceServers(List<IceServer> servers) {
        this.iceServers = List.copyOf(servers);
    }

    // ---- player side ----

    void startPlaying(String streamId, Canvas canvas) {
        Play existing = plays.get(streamId);
        if (existing != null) {
            closeLink(existing);
        }
        Play play = new Play(streamId, canvas);
        plays.put(streamId, play);
        setState(play, PlayerState.PLAY_REQUESTING, 0);
        requestIfLive(play);
    }

    void stopPlaying(String streamId) {
        Play play = plays.remove(streamId);
        if (play == null) {
            return;
        }
        if (play.link != null && room.connected()) {
            relay(streamId, play.publisherId, SignalKind.HANGUP, null);
        }
        closeLink(play);
        setState(play, PlayerState.NO_PLAY, 0);
    }

    private void requestIfLive(Play play) {
        if (!room.connected()) {
            return;
        }
        Stream stream = room.events().roster().streams().stream()
                .filter(s -> s.streamID().equals(play.streamId)).findFirst().orElse(null);
        if (stream == null) {
            return; // requested when the stream appears
        }
        play.publisherId = stream.user().userID();
        if (play.state != PlayerState.PLAY_REQUESTING) {
            setState(play, PlayerState.PLAY_REQUESTING, 0);
        }
        room.request(new ClientMessage.RelaySignal(engine.nextRequestId(), play.streamId, play.publisherId,
                SignalKind.PLAY_REQUEST, null), reply -> {
            if (reply.code() != 0 && plays.get(play.streamId) == play && play.link == null) {
                setState(play, PlayerState.NO_PLAY, reply.code());
            }
        });
    }

    /** The room's streams changed: start waiting plays, end plays whose stream left. */
    void onStreamsAdded(List<Stream> streams) {
        for (Stream s : streams) {
            Play play = plays.get(s.streamID());
            if (play != null && play.link == null) {
                requestIfLive(play);
            }
        }
    }

    void onStreamsDeleted(List<Stream> streams) {
        for (Stream s : streams) {
            Play play = plays.get(s.streamID());
            if (play != null) {
                closeLink(play);
                setState(play, PlayerState.NO_PLAY, ErrorCode.PLAYER_STREAM_NOT_FOUND.code());
            }
        }
    }

    /** Logged in or reconnected: ask again for plays without a connection. */
    void onRoomConnected() {
        quality.start();
        for (Play play : new ArrayList<>(plays.values())) {
            if (play.link == null) {
                requestIfLive(play);
            }
        }
    }

    // ---- publisher side ----

    /** A stream this client published stopped: drop its players' connections. */
    void onPublicationStopped(String streamId) {
        sending.removeStream(streamId);
    }

    // ---- signals ----

    void onSignal(ServerMessage.SignalReceived signal) {
        String from = signal.fromUserId();
        switch (signal.kind()) {
            case PLAY_REQUEST -> {
                PeerLink existing = sending.get(signal.streamId(), from);
                if (ICE_RESTART.equals(signal.payload()) && existing != null) {
                    media.rtc().execute("restart ice", existing::restartIce);
                } else if (room.publications().isRegistered(signal.streamId())) {
                    sending.open(signal.streamId(), from, configuration(),
                            room.publications().channelOf(signal.streamId()));
                }
            }
            case OFFER -> onOffer(signal);
            case ANSWER -> {
                PeerLink link = sending.get(signal.streamId(), from);
                if (link != null) {
                    media.rtc().execute("accept answer", () -> link.accept(signal.payload()));
                }
            }
            case ICE_CANDIDATE -> {
                PeerLink link = sending.get(signal.streamId(), from);
                Play play = plays.get(signal.streamId());
                if (link == null && play != null && from.equals(play.publisherId)) {
                    link = play.link;
                }
                RTCIceCandidate candidate = CandidateCodec.decode(signal.payload());
                if (link != null && candidate != null) {
                    PeerLink target = link;
                    media.rtc().execute("add candidate", () -> target.addRemoteCandidate(candidate));
                }
            }
            case HANGUP -> sending.remove(signal.streamId(), from);
        }
    }

    private void onOffer(ServerMessage.SignalReceived signal) {
        Play play = plays.get(signal.streamId());
        if (play == null || !signal.fromUserId().equals(play.publisherId)) {
            return;
        }
        if (play.restarting && play.link != null) {
            play.restarting = false;
            PeerLink same = play.link;
            media.rtc().execute("answer ice restart", () -> same.answer(signal.payload(), media.audioPlayed()));
            return;
        }
        closeLink(play);
        AtomicBoolean firstFrame = new AtomicBoolean();
        MediaQuality.PlayMeter[] meter = new MediaQuality.PlayMeter[1];
        VideoTrackSink sink = frame -> {
            try {
                if (firstFrame.compareAndSet(false, true)) {
                    engine.loop().execute(() -> onFirstFrame(play));
                }
                play.canvas.sink().onFrame(new NativeVideoFrame(frame));
                meter[0].frameRendered();
            } finally {
                frame.release();
            }
        };
        PeerLink link = new PeerLink(play.streamId, play.publisherId, false, media.rtc(), engine.loop(), this, sink);
        meter[0] = new MediaQuality.PlayMeter(play.streamId, link);
        play.link = link;
        play.meter = meter[0];
        RTCConfiguration configuration = configuration();
        media.rtc().execute("answer offer", () -> {
            link.open(media.factory(), configuration);
            link.answer(signal.payload(), media.audioPlayed());
        });
    }

    private void onFirstFrame(Play play) {
        if (plays.get(play.streamId) != play) {
            return;
        }
        String id = play.streamId;
        engine.callbacks().emit(h -> h.onPlayerRecvVideoFirstFrame(id));
        engine.callbacks().emit(h -> h.onPlayerRenderVideoFirstFrame(id));
    }

    // ---- link events (engine loop) ----

    @Override
    public void onLocalDescription(PeerLink link, RTCSdpType type, String sdp) {
        if (!current(link)) {
            return;
        }
        relay(link.streamId(), link.remoteUserId(), type == RTCSdpType.OFFER ? SignalKind.OFFER : SignalKind.ANSWER, sdp);
    }

    @Override
    public void onLocalCandidate(PeerLink link, RTCIceCandidate candidate) {
        if (!current(link)) {
            return;
        }
        relay(link.streamId(), link.remoteUserId(), SignalKind.ICE_CANDIDATE, CandidateCodec.encode(candidate));
    }

    @Override
    public void onConnectionState(PeerLink link, RTCPeerConnectionState state) {
        LOG.debug("{} link for {} with {}: {}", link.sending() ? "send" : "receive", link.streamId(), link.remoteUserId(), state);
        if (!link.sending() && current(link)) {
            Play play = plays.get(link.streamId());
            if (state == RTCPeerConnectionState.CONNECTED) {
                play.restarting = false;
                setState(play, PlayerState.PLAYING, 0);
            } else if (state == RTCPeerConnectionState.DISCONNECTED) {
                engine.loop().schedule(() -> askIceRestart(play, link), ICE_RESTART_AFTER_MILLIS,
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            } else if (state == RTCPeerConnectionState.FAILED) {
                // connectivity is gone for good: negotiate a fresh connection with the publisher
                LOG.info("receive link for {} failed; asking the publisher again", play.streamId);
                closeLink(play);
                setState(play, PlayerState.PLAY_REQUESTING, ErrorCode.PLAYER_MEDIA_FAILED.code());
                requestIfLive(play);
            }
        }
        if (link.sending() && state == RTCPeerConnectionState.CONNECTED && current(link)) {
            // the audio send stream starts with the connection and restarts the device capture
            engine.loop().schedule(() -> media.rtc().execute("settle audio", () -> media.audioSettled(link)),
                    AUDIO_SETTLE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /** The receive connection is still down: its network may have changed, so ask for new candidates. */
    private void askIceRestart(Play play, PeerLink link) {
        boolean down = link.connectionState() == RTCPeerConnectionState.DISCONNECTED;
        if (down && plays.get(play.streamId) == play && play.link == link && !play.restarting && room.connected()) {
            LOG.info("receive link for {} still disconnected; asking for an ICE restart", play.streamId);
            play.restarting = true;
            relay(play.streamId, play.publisherId, SignalKind.PLAY_REQUEST, ICE_RESTART);
        }
    }

    @Override
    public void onFailure(PeerLink link, String what) {
        LOG.warn("{} link for {} with {} failed: {}", link.sending() ? "send" : "receive", link.streamId(),
                link.remoteUserId(), what);
        if (!link.sending()) {
            Play play = plays.get(link.streamId());
            if (play != null && play.link == link) {
                closeLink(play);
                setState(play, PlayerState.NO_PLAY, ErrorCode.PLAYER_MEDIA_FAILED.code());
            }
        } else {
            sending.remove(link);
        }
    }

    private boolean current(PeerLink link) {
        if (link.sending()) {
            return sending.get(link.streamId(), link.remoteUserId()) == link;
        }
        Play play = plays.get(link.streamId());
        return play != null && play.link == link;
    }

    // ---- helpers ----

    private void relay(String streamId, String toUserId, SignalKind kind, String payload) {
        if (!room.connected()) {
            return;
        }
        room.request(new ClientMessage.RelaySignal(engine.nextRequestId(), streamId, toUserId, kind, payload), reply -> {
            if (reply.code() != 0) {
                LOG.debug("relay {} for {} to {} refused: {}", kind, streamId, toUserId, reply.code());
            }
        });
    }


    private RTCConfiguration configuration() {
        RTCConfiguration configuration = new RTCConfiguration();
        configuration.bundlePolicy = RTCBundlePolicy.MAX_BUNDLE;
        List<RTCIceServer> servers = new ArrayList<>();
        for (IceServer s : iceServers) {
            RTCIceServer server = new RTCIceServer();
            server.urls = s.urls();
            server.username = s.username();
            server.password = s.credential();
            servers.add(server);
        }
        configuration.iceServers = servers;
        return configuration;
    }

    private void closeLink(Play play) {
        PeerLink link = play.link;
        play.link = null;
        play.meter = null;
        if (link != null) {
            media.rtc().execute("close receive link", () -> link.close(media.audioLock()));
        }
    }

    private void setState(Play play, PlayerState state, int code) {
        if (play.state == state && code == 0) {
            return;
        }
        play.state = state;
        String id = play.streamId;
        engine.callbacks().emit(h -> h.onPlayerStateUpdate(id, state, code, "{}"));
    }

    /** The room session ended: close every connection; plays end with {@code code}. */
    void close(int code) {
        quality.stop();
        sending.closeAll();
        for (Play play : plays.values()) {
            closeLink(play);
            setState(play, PlayerState.NO_PLAY, code);
        }
        plays.clear();
    }
}
