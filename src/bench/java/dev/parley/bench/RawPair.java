package dev.parley.bench;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCBundlePolicy;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The raw baseline's connection: a send-only peer connection at A and one at B that receives, on
 * one factory, negotiated by handing the SDP and the candidates across in-process, with no server.
 *
 * <p>Every webrtc-java call runs on {@code rtc}, the one thread that owns the factory: the
 * constructor and {@link #close()} must be called on it, and the observer callbacks (webrtc's
 * signaling thread) only hand work over to it. Closed once, never reused.
 */
final class RawPair {
    private final Executor rtc;
    private final VideoTrackSink sink;
    private final End sender = new End();
    private final End receiver = new End();
    private final Runnable connected;
    private VideoTrack remoteVideo;
    private boolean closed;

    /** One peer connection, and the remote candidates it cannot take before its remote description. */
    private final class End implements PeerConnectionObserver {
        private RTCPeerConnection pc;
        private End other;
        private final List<RTCIceCandidate> pending = new ArrayList<>();
        private boolean remoteSet;

        private void addCandidate(RTCIceCandidate candidate) {
            if (closed) {
                return;
            }
            if (remoteSet) {
                pc.addIceCandidate(candidate);
            } else {
                pending.add(candidate);
            }
        }

        private void remoteApplied() {
            remoteSet = true;
            pending.forEach(pc::addIceCandidate);
            pending.clear();
        }

        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
            rtc.execute(() -> other.addCandidate(candidate));
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState state) {
            if (this == sender && state == RTCPeerConnectionState.CONNECTED) {
                rtc.execute(() -> {
                    if (!closed) {
                        connected.run();
                    }
                });
            }
        }

        @Override
        public void onTrack(RTCRtpTransceiver transceiver) {
            if (transceiver.getReceiver().getTrack() instanceof VideoTrack video) {
                rtc.execute(() -> attach(video));
            }
        }
    }

    /** Opens both connections and starts the offer from A; {@code track} is A's video. RTC thread. */
    RawPair(PeerConnectionFactory factory, Executor rtc, VideoTrack track, int bitrateKbps, VideoTrackSink sink) {
        this(factory, factory, rtc, track, null, null, bitrateKbps, sink, () -> { });
    }

    /**
     * Like the one-factory pair, with A's connection on {@code senderFactory} and B's on
     * {@code receiverFactory}, and with {@code audio} (when not null) sent beside the video in the
     * media stream {@code audioStreamId} ("raw", the video's, puts the two in sync at B).
     * {@code connected} runs on {@code rtc} when A's connection is up. RTC thread.
     */
    RawPair(PeerConnectionFactory senderFactory, PeerConnectionFactory receiverFactory, Executor rtc, VideoTrack track,
            AudioTrack audio, String audioStreamId, int bitrateKbps, VideoTrackSink sink, Runnable connected) {
        this.rtc = rtc;
        this.sink = sink;
        this.connected = connected;
        RTCConfiguration configuration = new RTCConfiguration();
        configuration.bundlePolicy = RTCBundlePolicy.MAX_BUNDLE;
        sender.other = receiver;
        receiver.other = sender;
        sender.pc = senderFactory.createPeerConnection(configuration, sender);
        receiver.pc = receiverFactory.createPeerConnection(configuration, receiver);
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
        init.streamIds = List.of("raw");
        RTCRtpSender videoSender = sender.pc.addTransceiver(track, init).getSender();
        var parameters = videoSender.getParameters();
        if (parameters.encodings != null) {
            parameters.encodings.forEach(e -> e.maxBitrate = bitrateKbps * 1000);
            videoSender.setParameters(parameters);
        }
        if (audio != null) {
            RTCRtpTransceiverInit audioInit = new RTCRtpTransceiverInit();
            audioInit.direction = RTCRtpTransceiverDirection.SEND_ONLY;
            audioInit.streamIds = List.of(audioStreamId);
            sender.pc.addTransceiver(audio, audioInit);
        }
        sender.pc.createOffer(new RTCOfferOptions(), created(offer ->
                setLocal(sender, offer, () -> setRemote(receiver, offer, this::answer))));
    }

    private void answer() {
        receiver.pc.createAnswer(new RTCAnswerOptions(), created(answer ->
                setLocal(receiver, answer, () -> setRemote(sender, answer, () -> { }))));
    }

    private void attach(VideoTrack video) {
        if (!closed) {
            remoteVideo = video;
            video.addSink(sink);
        }
    }

    private void setLocal(End end, RTCSessionDescription description, Runnable then) {
        end.pc.setLocalDescription(description, applied(then));
    }

    private void setRemote(End end, RTCSessionDescription description, Runnable then) {
        end.pc.setRemoteDescription(description, applied(() -> {
            end.remoteApplied();
            then.run();
        }));
    }

    private CreateSessionDescriptionObserver created(Consumer<RTCSessionDescription> then) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                rtc.execute(() -> {
                    if (!closed) {
                        then.accept(description);
                    }
                });
            }

            @Override
            public void onFailure(String error) {
                System.err.println("raw pair: create description failed: " + error);
            }
        };
    }

    private SetSessionDescriptionObserver applied(Runnable then) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                rtc.execute(() -> {
                    if (!closed) {
                        then.run();
                    }
                });
            }

            @Override
            public void onFailure(String error) {
                System.err.println("raw pair: set description failed: " + error);
            }
        };
    }

    /**
     * Closes both connections. The sender's track is removed first so that A's track can still be
     * disposed later (webrtc-java 0.14 never frees a closed peer connection). RTC thread.
     */
    /** B's connection, for reading its stats; RTC thread. */
    RTCPeerConnection receiverConnection() {
        return receiver.pc;
    }

    void close() {
        closed = true;
        if (remoteVideo != null) {
            remoteVideo.removeSink(sink);
            remoteVideo = null;
        }
        for (RTCRtpSender s : sender.pc.getSenders()) {
            sender.pc.removeTrack(s);
        }
        sender.pc.close();
        receiver.pc.close();
    }
}
