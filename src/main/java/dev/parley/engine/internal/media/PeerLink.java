package dev.parley.engine.internal.media;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCIceTransportPolicy;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionIceErrorEvent;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpEncodingParameters;
import dev.onvoid.webrtc.RTCRtpReceiver;
import dev.onvoid.webrtc.RTCRtpSynchronizationSource;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import dev.parley.engine.internal.rtc.NativeReferences;
import dev.parley.engine.internal.rtc.RtcThread;
import dev.parley.protocol.MediaMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer connection for one stream between this client and one remote user: send-only at a
 * publisher (one per player), receive-only at a player. It buffers remote ICE candidates until the
 * remote description is set, because webrtc-java drops earlier ones, and notes whether a TURN
 * server refused its credentials.
 *
 * <p>The methods under "RTC thread" check that they run there; the observer callbacks arrive on
 * webrtc's signaling thread and are handed to the engine loop. Closed once; never reused.
 */
final class PeerLink implements PeerConnectionObserver, StatsSource {
    private static final Logger LOG = LoggerFactory.getLogger(PeerLink.class);

    /** What the link reports; always called on the engine loop. */
    interface Listener {
        void onLocalDescription(PeerLink link, RTCSdpType type, String sdp);

        void onLocalCandidate(PeerLink link, RTCIceCandidate candidate);

        void onConnectionState(PeerLink link, RTCPeerConnectionState state);

        void onFailure(PeerLink link, String what);

        /**
         * With the RELAY policy, gathering ended without a relay candidate because the TURN
         * servers refused the credentials: this connection can never come up.
         */
        void onRelayRefused(PeerLink link);
    }

    /** TURN answers that refuse the credentials: Unauthorized, Forbidden, Wrong Credentials (RFC 8656). */
    private static final Set<Integer> REFUSED_CREDENTIALS = Set.of(401, 403, 441);

    private final String streamId;
    private final String remoteUserId;
    private final boolean sending;
    private final RtcThread rtc;
    private final Executor loop;
    private final Listener listener;
    private final VideoTrackSink remoteVideoSink;
    private final AudioTrackSink remoteAudioSink;
    private final List<RTCIceCandidate> pendingCandidates = new ArrayList<>();
    private RTCPeerConnection pc;
    private VideoTrack remoteVideo;
    private AudioTrack remoteAudio;
    /** RTC thread: whether received audio is played (the remote audio track enabled). */
    private boolean playAudio = true;
    /** Whether the remote audio goes to {@code remoteAudioSink}: only while the sound level monitor runs. */
    private boolean meterAudio;
    private boolean audioSinkAttached;
    /** RTC thread: where the remote audio also goes to be played at a volume of its own; null for none. */
    private AudioTrackSink volumeSink;
    /** RTC thread: whether video is received; answers say inactive for it otherwise. */
    private boolean receiveVideo = true;
    /** The receiver of the remote audio, once it arrived; set on webrtc's signaling thread. */
    private volatile RTCRtpReceiver audioReceiver;
    /** RTC thread: the RTP timestamp of the last audio delivered (-1 before any), and the ticks since the first. */
    private long lastAudioRtpTimestamp = -1;
    private long audioTicks;
    private boolean remoteDescriptionSet;
    private RTCRtpSender videoSender;
    private RTCRtpSender audioSender;
    private final List<Long> ownedTransceivers = new ArrayList<>();
    private boolean closed;
    private volatile RTCPeerConnectionState connectionState = RTCPeerConnectionState.NEW;
    /** Whether only relay candidates may be used (the RELAY policy). */
    private volatile boolean relayOnly;
    /** Whether a TURN server refused this connection's credentials; written on webrtc's signaling thread. */
    private volatile boolean credentialsRefused;
    /** Whether a relay candidate was gathered; written on webrtc's signaling thread. */
    private volatile boolean relayGathered;

    PeerLink(String streamId, String remoteUserId, boolean sending, RtcThread rtc, Executor loop, Listener listener,
             VideoTrackSink remoteVideoSink) {
        this(streamId, remoteUserId, sending, rtc, loop, listener, remoteVideoSink, null);
    }

    /** A receive link whose remote audio also goes to {@code remoteAudioSink} (decoded PCM, on webrtc's playout thread). */
    PeerLink(String streamId, String remoteUserId, boolean sending, RtcThread rtc, Executor loop, Listener listener,
             VideoTrackSink remoteVideoSink, AudioTrackSink remoteAudioSink) {
        this.remoteAudioSink = remoteAudioSink;
        this.streamId = streamId;
        this.remoteUserId = remoteUserId;
        this.sending = sending;
        this.rtc = rtc;
        this.loop = loop;
        this.listener = listener;
        this.remoteVideoSink = remoteVideoSink;
    }

    String streamId() {
        return streamId;
    }

    @Override
    public String remoteUserId() {
        return remoteUserId;
    }

    boolean sending() {
        return sending;
    }

    // ---- RTC thread ----

    void open(PeerConnectionFactory factory, RTCConfiguration configuration) {
        rtc.confinement().check();
        relayOnly = configuration.iceTransportPolicy == RTCIceTransportPolicy.RELAY;
        pc = factory.createPeerConnection(configuration, this);
    }

    /**
     * Whether a TURN server refused this connection's credentials and no relay candidate came
     * from any other: the connection cannot be relayed. Any thread.
     */
    boolean relayRefused() {
        return credentialsRefused && !relayGathered;
    }

    /**
     * Publisher side: adds the tracks send-only and offers. Either track may be null. The audio
     * sender is added under {@code audioLock}, which the audio source holds while pushing.
     */
    void offer(VideoTrack video, AudioTrack audio, int maxBitrateKbps, Object audioLock) {
        offer(video, audio, maxBitrateKbps, false, audioLock);
    }

    /**
     * Like {@link #offer(VideoTrack, AudioTrack, int, Object)}; with {@code simulcast} the video goes
     * in three layers, a quarter, half and the full size, listed lowest first (libwebrtc's VP8
     * encoder refuses any other order), sharing {@code maxBitrateKbps} about 1:3:6.
     */
    void offer(VideoTrack video, AudioTrack audio, int maxBitrateKbps, boolean simulcast, Object audioLock) {
        rtc.confinement().check();
        if (video != null) {
            RTCRtpTransceiverInit init = sendOnly();
            if (simulcast) {
                init.sendEncodings = simulcastLayers(maxBitrateKbps);
            }
            RTCRtpTransceiver transceiver = pc.addTransceiver(video, init);
            ownedTransceivers.add(NativeReferences.handleOf(transceiver));
            videoSender = transceiver.getSender();
            if (!simulcast) {
                capBitrate(videoSender, maxBitrateKbps);
            }
        }
        if (audio != null) {
            synchronized (audioLock) {
                RTCRtpTransceiver transceiver = pc.addTransceiver(audio, sendOnly());
                ownedTransceivers.add(NativeReferences.handleOf(transceiver));
                audioSender = transceiver.getSender();
            }
        }
        pc.createOffer(new RTCOfferOptions(), described(RTCSdpType.OFFER));
    }

    static List<RTCRtpEncodingParameters> simulcastLayers(int totalKbps) {
        List<RTCRtpEncodingParameters> layers = new ArrayList<>();
        double[] scales = {4, 2, 1};
        int[] shares = {1, 3, 6};
        for (int i = 0; i < scales.length; i++) {
            RTCRtpEncodingParameters layer = new RTCRtpEncodingParameters();
            layer.active = true;
            layer.scaleResolutionDownBy = scales[i];
            layer.maxBitrate = Math.max(100, totalKbps * shares[i] / 10) * 1000;
            layers.add(layer);
        }
        return layers;
    }

    private RTCRtpTransceiverInit sendOnly() {
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
        init.streamIds = List.of(streamId);
        return init;
    }

    private static void capBitrate(RTCRtpSender sender, int maxBitrateKbps) {
        var parameters = sender.getParameters();
        if (parameters.encodings != null) {
            parameters.encodings.forEach(e -> e.maxBitrate = maxBitrateKbps * 1000);
            sender.setParameters(parameters);
        }
    }

    /** The last connection state webrtc-java reported; any thread. */
    RTCPeerConnectionState connectionState() {
        return connectionState;
    }

    /**
     * Publisher side: gathers new candidates and offers again on this connection, keeping its
     * tracks and DTLS session, for a player whose network changed.
     */
    void restartIce() {
        rtc.confinement().check();
        if (closed) {
            return;
        }
        pc.restartIce();
        RTCOfferOptions options = new RTCOfferOptions();
        options.iceRestart = true;
        pc.createOffer(options, described(RTCSdpType.OFFER));
    }

    /** Publisher side: sends another local video track from now on, without renegotiating. */
    void replaceVideo(VideoTrack track) {
        rtc.confinement().check();
        if (!closed && videoSender != null) {
            videoSender.replaceTrack(track);
        }
    }

    /** Publisher side: sends another local audio track from now on, without renegotiating. */
    void replaceAudio(AudioTrack track, Object audioLock) {
        rtc.confinement().check();
        if (!closed && audioSender != null) {
            synchronized (audioLock) {
                audioSender.replaceTrack(track);
            }
        }
    }

    /**
     * Player side: applies the publisher's offer and answers. Without {@code lipSync} the offer's
     * audio is received as a stream of its own, so the video never waits for it.
     */
    void answer(String offerSdp, boolean lipSync) {
        rtc.confinement().check();
        String offer = lipSync ? offerSdp : LipSync.separateAudio(offerSdp);
        pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, offer), new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                rtc.execute("answer", () -> {
                    if (closed) {
                        return;
                    }
                    remoteDescriptionSet = true;
                    flushCandidates();
                    applyVideoDirection();
                    pc.createAnswer(new RTCAnswerOptions(), described(RTCSdpType.ANSWER));
                });
            }

            @Override
            public void onFailure(String error) {
                fail("apply offer: " + error);
            }
        });
    }

    /**
     * Player side: plays the received audio, or keeps it silent (the remote audio track disabled,
     * which sets its output gain to 0), from now on and for a track that arrives later.
     */
    void playAudio(boolean on) {
        rtc.confinement().check();
        playAudio = on;
        if (!closed && remoteAudio != null) {
            remoteAudio.setEnabled(on);
        }
    }

    /**
     * Player side: whether the decoded remote audio goes to the audio sink, now and for a track
     * that arrives later. Off, the sink is detached, so no PCM crosses into Java 100 times a second.
     */
    void meterAudio(boolean on) {
        rtc.confinement().check();
        meterAudio = on;
        if (!closed && remoteAudio != null) {
            attachAudioSink(on);
        }
    }

    /**
     * Player side: the remote audio also goes to {@code sink} (decoded PCM, on webrtc's audio
     * thread), now and for a track that arrives later, instead of to the sink set before; null
     * detaches it.
     */
    void volumeSink(AudioTrackSink sink) {
        rtc.confinement().check();
        if (sink == volumeSink) {
            return;
        }
        if (!closed && remoteAudio != null) {
            if (volumeSink != null) {
                remoteAudio.removeSink(volumeSink);
            }
            if (sink != null) {
                remoteAudio.addSink(sink);
            }
        }
        volumeSink = sink;
    }

    private void attachAudioSink(boolean on) {
        if (on && !audioSinkAttached) {
            remoteAudio.addSink(remoteAudioSink);
        } else if (!on && audioSinkAttached) {
            remoteAudio.removeSink(remoteAudioSink);
        }
        audioSinkAttached = on;
    }

    /**
     * Player side: whether the next answer (to an offer on this connection, such as an ICE
     * restart's) receives the video or says inactive for it, so that the sender stops sending it.
     */
    void receiveVideo(boolean on) {
        rtc.confinement().check();
        receiveVideo = on;
    }

    /** Before an answer: the video transceivers receive, or are inactive while the video is muted. */
    private void applyVideoDirection() {
        RTCRtpTransceiverDirection direction = receiveVideo ? RTCRtpTransceiverDirection.RECV_ONLY
                : RTCRtpTransceiverDirection.INACTIVE;
        for (RTCRtpTransceiver transceiver : pc.getTransceivers()) {
            MediaStreamTrack track = transceiver.getReceiver().getTrack();
            if (track != null && MediaStreamTrack.VIDEO_TRACK_KIND.equals(track.getKind())
                    && transceiver.getDirection() != direction) {
                transceiver.setDirection(direction);
            }
        }
    }

    /** Publisher side: applies the player's answer. */
    void accept(String answerSdp) {
        rtc.confinement().check();
        pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, answerSdp), new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                rtc.execute("flush candidates", () -> {
                    if (!closed) {
                        remoteDescriptionSet = true;
                        flushCandidates();
                    }
                });
            }

            @Override
            public void onFailure(String error) {
                fail("apply answer: " + error);
            }
        });
    }

    void addRemoteCandidate(RTCIceCandidate candidate) {
        rtc.confinement().check();
        if (closed) {
            return;
        }
        if (remoteDescriptionSet) {
            pc.addIceCandidate(candidate);
        } else {
            pendingCandidates.add(candidate);
        }
    }

    /** Reads the connection's counters on the RTC thread; {@code onSnapshot} runs on the engine loop. Any thread. */
    @Override
    public void stats(Consumer<StatsSnapshot> onSnapshot) {
        rtc.execute("read stats", () -> {
            if (closed || pc == null) {
                return;
            }
            pc.getStats(report -> {
                StatsSnapshot snapshot = StatsSnapshot.of(report, sending);
                loop.execute(() -> onSnapshot.accept(snapshot));
            });
        });
    }

    /**
     * Receive side: how far the remote audio has come, in RTP clock ticks counted from the first
     * look, from the receiver's synchronization source (the RTP timestamp of the last audio it
     * delivered): a few objects, where a stats report has thousands. It stands still when no audio
     * arrives; 0 before any did. {@code onProgress} runs on the engine loop. Any thread.
     */
    @Override
    public void audioProgress(DoubleConsumer onProgress) {
        RTCRtpReceiver receiver = audioReceiver;
        if (receiver == null) {
            loop.execute(() -> onProgress.accept(0));
            return;
        }
        rtc.execute("read audio progress", () -> {
            if (closed || pc == null) {
                return;
            }
            List<RTCRtpSynchronizationSource> sources = receiver.getSynchronizationSources();
            if (!sources.isEmpty()) {
                long rtpTimestamp = sources.get(0).rtpTimestamp & 0xFFFF_FFFFL;
                if (lastAudioRtpTimestamp >= 0) {
                    // RTP timestamps are 32 bits and wrap; the difference modulo 2^32 is the progress
                    audioTicks += (rtpTimestamp - lastAudioRtpTimestamp) & 0xFFFF_FFFFL;
                } else {
                    audioTicks = 1;
                }
                lastAudioRtpTimestamp = rtpTimestamp;
            }
            double progress = audioTicks;
            loop.execute(() -> onProgress.accept(progress));
        });
    }

    private void flushCandidates() {
        for (RTCIceCandidate c : pendingCandidates) {
            pc.addIceCandidate(c);
        }
        pendingCandidates.clear();
    }

    /**
     * Closes the connection and drops the references webrtc-java 0.14 would leak (the connection's
     * own and the transceivers this link added), so the connection is freed now. Senders are
     * removed first, so the shared local tracks never stay attached to it.
     */
    void close(Object audioLock) {
        rtc.confinement().check();
        if (closed || pc == null) {
            closed = true;
            return;
        }
        closed = true;
        if (remoteVideo != null) {
            remoteVideo.removeSink(remoteVideoSink);
            remoteVideo = null;
        }
        if (remoteAudio != null) {
            attachAudioSink(false);
            if (volumeSink != null) {
                remoteAudio.removeSink(volumeSink);
            }
            remoteAudio = null;
        }
        synchronized (audioLock) {
            for (RTCRtpSender sender : pc.getSenders()) {
                pc.removeTrack(sender);
            }
            long handle = NativeReferences.handleOf(pc);
            pc.close();
            ownedTransceivers.forEach(NativeReferences::release);
            ownedTransceivers.clear();
            NativeReferences.release(handle);
        }
    }

    private CreateSessionDescriptionObserver described(RTCSdpType type) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                rtc.execute("set local description", () -> {
                    if (closed) {
                        return;
                    }
                    pc.setLocalDescription(description, new SetSessionDescriptionObserver() {
                        @Override
                        public void onSuccess() {
                            loop.execute(() -> listener.onLocalDescription(PeerLink.this, type, description.sdp));
                        }

                        @Override
                        public void onFailure(String error) {
                            fail("set local description: " + error);
                        }
                    });
                });
            }

            @Override
            public void onFailure(String error) {
                fail("create " + type + ": " + error);
            }
        };
    }

    private void fail(String what) {
        loop.execute(() -> listener.onFailure(this, what));
    }

    // ---- webrtc signaling thread ----

    @Override
    public void onIceCandidate(RTCIceCandidate candidate) {
        if (candidate.sdp != null && candidate.sdp.contains(" typ relay")) {
            relayGathered = true;
        }
        loop.execute(() -> listener.onLocalCandidate(this, candidate));
    }

    /** A TURN server answered an allocation with an error; only refused credentials matter here. */
    @Override
    public void onIceCandidateError(RTCPeerConnectionIceErrorEvent event) {
        if (REFUSED_CREDENTIALS.contains(event.getErrorCode()) && !credentialsRefused) {
            LOG.info("{} link for {} with {}: {} refused the credentials ({} {})", sending ? "send" : "receive",
                    streamId, remoteUserId, event.getUrl(), event.getErrorCode(), event.getErrorText());
            credentialsRefused = true;
        }
    }

    /**
     * The media server wants to hear that gathering is over (a null candidate); a mesh peer does
     * not need to. With the RELAY policy, an end of gathering with refused credentials and no
     * relay candidate means the connection can never come up.
     */
    @Override
    public void onIceGatheringChange(RTCIceGatheringState state) {
        if (state != RTCIceGatheringState.COMPLETE) {
            return;
        }
        if (MediaMode.MEDIA_SERVER_PEER.equals(remoteUserId)) {
            loop.execute(() -> listener.onLocalCandidate(this, null));
        }
        if (relayOnly && relayRefused()) {
            loop.execute(() -> listener.onRelayRefused(this));
        }
    }

    @Override
    public void onConnectionChange(RTCPeerConnectionState state) {
        connectionState = state;
        loop.execute(() -> listener.onConnectionState(this, state));
    }

    @Override
    public void onTrack(RTCRtpTransceiver transceiver) {
        RTCRtpReceiver receiver = transceiver.getReceiver();
        MediaStreamTrack track = receiver.getTrack();
        if (track instanceof AudioTrack) {
            audioReceiver = receiver;
        }
        if (track instanceof VideoTrack video && remoteVideoSink != null) {
            rtc.execute("attach remote video", () -> {
                if (!closed) {
                    remoteVideo = video;
                    video.addSink(remoteVideoSink);
                }
            });
        } else if (track instanceof AudioTrack audio && remoteAudioSink != null) {
            rtc.execute("attach remote audio", () -> {
                if (!closed) {
                    remoteAudio = audio;
                    audio.setEnabled(playAudio);
                    attachAudioSink(meterAudio);
                    if (volumeSink != null) {
                        audio.addSink(volumeSink);
                    }
                }
            });
        }
    }
}
