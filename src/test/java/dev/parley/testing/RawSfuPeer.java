package dev.parley.testing;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCBundlePolicy;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpEncodingParameters;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import dev.parley.engine.TestPattern;
import dev.parley.server.sfu.MediaEvent;
import dev.parley.server.sfu.MediaServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Bare webrtc-java peers that talk to a {@link MediaServer} directly, with no engine and no room
 * server in the path: one publisher of the test pattern (optionally in three simulcast layers)
 * and any number of subscribers that read the pattern from what they receive. For tests of the
 * media server layer and for the benchmarks' baselines.
 *
 * <p>Every webrtc-java call runs on one thread this object owns; the public methods may be
 * called from any thread. {@link #close()} tears everything down in the order webrtc-java needs.
 */
public final class RawSfuPeer implements AutoCloseable {
    /** Hears every frame a subscriber receives, on webrtc's decode thread. */
    public interface FrameListener {
        /** {@code marks} is null when the pattern could not be read. */
        void onFrame(TestPattern.Marks marks, int width, int height);
    }

    /** What one subscriber has received so far. Thread-safe. */
    public static final class Received implements VideoTrackSink {
        private long frames;
        private int width;
        private int height;
        private TestPattern.Marks last;
        private volatile FrameListener listener;

        @Override
        public void onVideoFrame(dev.onvoid.webrtc.media.video.VideoFrame frame) {
            try {
                I420Buffer i420 = frame.buffer.toI420();
                TestPattern.Marks marks = TestPattern.read(i420.getDataY(), i420.getStrideY(), i420.getWidth());
                synchronized (this) {
                    frames++;
                    width = i420.getWidth();
                    height = i420.getHeight();
                    last = marks;
                }
                FrameListener l = listener;
                if (l != null) {
                    l.onFrame(marks, i420.getWidth(), i420.getHeight());
                }
            } finally {
                frame.release();
            }
        }

        /** From now on, {@code listener} hears every frame (a benchmark reads each one's age). */
        public void listen(FrameListener listener) {
            this.listener = listener;
        }

        public synchronized long frames() {
            return frames;
        }

        public synchronized int width() {
            return width;
        }

        public synchronized int height() {
            return height;
        }

        /** The pattern marks of the last frame, or null before the first. */
        public synchronized TestPattern.Marks lastMarks() {
            return last;
        }
    }

    private final ExecutorService rtc = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "raw-sfu-rtc");
        t.setDaemon(true);
        return t;
    });
    private final List<RTCPeerConnection> connections = new ArrayList<>();
    private final List<VideoTrack> remoteTracks = new ArrayList<>();
    private final List<VideoTrackSink> remoteSinks = new ArrayList<>();
    private final List<Runnable> closeMediaServerSides = new CopyOnWriteArrayList<>();
    private HeadlessAudioDeviceModule audioModule;
    private PeerConnectionFactory factory;
    private CustomVideoSource source;
    private VideoTrack track;
    private PatternPusher pusher;

    private RawSfuPeer() {
    }

    public static RawSfuPeer open() {
        RawSfuPeer peer = new RawSfuPeer();
        peer.call(() -> {
            peer.audioModule = new HeadlessAudioDeviceModule();
            peer.factory = new PeerConnectionFactory(peer.audioModule);
            return null;
        });
        return peer;
    }

    /**
     * Publishes the test pattern at {@code width}x{@code height} as {@code streamId}; with
     * {@code simulcast}, in three layers (full, half and quarter size). Completes with the media
     * server's publisher once the answer is applied.
     */
    public CompletableFuture<MediaServer.Publisher> publish(MediaServer server, String roomKey, String streamId, int width,
                                                            int height, int fps, boolean simulcast,
                                                            Consumer<MediaEvent> events) {
        return publish(server, roomKey, streamId, width, height, fps, simulcast ? new int[] {150, 500, 1500} : null, events);
    }

    /**
     * Like {@link #publish(MediaServer, String, String, int, int, int, boolean, Consumer)}, with the
     * simulcast layers' bitrate caps in kbit/s, lowest layer first, or null for one layer (uncapped).
     */
    public CompletableFuture<MediaServer.Publisher> publish(MediaServer server, String roomKey, String streamId, int width,
                                                            int height, int fps, int[] layerKbps,
                                                            Consumer<MediaEvent> events) {
        boolean simulcast = layerKbps != null;
        CompletableFuture<MediaServer.Publisher> result = new CompletableFuture<>();
        rtc.execute(() -> {
            try {
                source = new CustomVideoSource();
                track = factory.createVideoTrack("raw-sfu-video", source);
                pusher = new PatternPusher(source, width, height, fps);
                CompletableFuture<MediaServer.Publisher> publisher = new CompletableFuture<>();
                List<RTCIceCandidate> early = new ArrayList<>();
                RTCPeerConnection pc = factory.createPeerConnection(configuration(), candidates(publisher, early,
                        (p, c) -> {
                    if (c == null) {
                        p.candidate(null, null, 0);
                    } else {
                        p.candidate(c.sdp, c.sdpMid, c.sdpMLineIndex);
                    }
                }));
                connections.add(pc);
                RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
                init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
                init.streamIds = List.of(streamId);
                if (simulcast) {
                    init.sendEncodings = new ArrayList<>();
                    // lowest first, as the media server expects of every publisher
                    int[] kbps = layerKbps;
                    double[] scales = {4, 2, 1};
                    for (int i = 0; i < 3; i++) {
                        RTCRtpEncodingParameters encoding = new RTCRtpEncodingParameters();
                        encoding.active = true;
                        encoding.scaleResolutionDownBy = scales[i];
                        encoding.maxBitrate = kbps[i] * 1000;
                        init.sendEncodings.add(encoding);
                    }
                }
                pc.addTransceiver(track, init);
                pc.createOffer(new RTCOfferOptions(), created(result, offer -> pc.setLocalDescription(offer,
                        applied(result, () -> server.publish(roomKey, streamId, streamId, offer.sdp, events)
                                .whenComplete((p, e) -> rtc.execute(() -> {
                                    if (e != null) {
                                        result.completeExceptionally(e);
                                        return;
                                    }
                                    closeMediaServerSides.add(p::close);
                                    pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, p.answer()),
                                            applied(result, () -> {
                                                publisher.complete(p);
                                                result.complete(p);
                                            }));
                                }))))));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Subscribes to {@code streamId}; what arrives is counted in the returned {@link Received}. */
    public CompletableFuture<Subscription> subscribe(MediaServer server, String roomKey, String streamId,
                                                     Consumer<MediaEvent> events) {
        CompletableFuture<Subscription> result = new CompletableFuture<>();
        Received received = new Received();
        server.subscribe(roomKey, streamId, events).whenComplete((s, e) -> rtc.execute(() -> {
            if (e != null) {
                result.completeExceptionally(e);
                return;
            }
            closeMediaServerSides.add(s::close);
            CompletableFuture<MediaServer.Subscriber> subscriber = CompletableFuture.completedFuture(s);
            RTCPeerConnection pc = factory.createPeerConnection(configuration(), new PeerConnectionObserver() {
                @Override
                public void onIceCandidate(RTCIceCandidate candidate) {
                    s.candidate(candidate.sdp, candidate.sdpMid, candidate.sdpMLineIndex);
                }

                @Override
                public void onIceGatheringChange(RTCIceGatheringState state) {
                    if (state == RTCIceGatheringState.COMPLETE) {
                        s.candidate(null, null, 0);
                    }
                }

                @Override
                public void onTrack(RTCRtpTransceiver transceiver) {
                    if (transceiver.getReceiver().getTrack() instanceof VideoTrack video) {
                        rtc.execute(() -> {
                            video.addSink(received);
                            remoteTracks.add(video);
                            remoteSinks.add(received);
                        });
                    }
                }
            });
            connections.add(pc);
            pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, s.offer()), applied(result,
                    () -> pc.createAnswer(new RTCAnswerOptions(), created(result, answer ->
                            pc.setLocalDescription(answer, applied(result, () -> s.start(answer.sdp)
                                    .whenComplete((x, e2) -> {
                                        if (e2 != null) {
                                            result.completeExceptionally(e2);
                                        } else {
                                            result.complete(new Subscription(subscriber.join(), received));
                                        }
                                    })))))));
        }));
        return result;
    }

    /** A subscriber and what it received. */
    public record Subscription(MediaServer.Subscriber subscriber, Received received) {
    }

    private static RTCConfiguration configuration() {
        RTCConfiguration configuration = new RTCConfiguration();
        configuration.bundlePolicy = RTCBundlePolicy.MAX_BUNDLE;
        return configuration;
    }

    /** Hands local candidates to the media server side once it exists, keeping the early ones. */
    private PeerConnectionObserver candidates(CompletableFuture<MediaServer.Publisher> side, List<RTCIceCandidate> early,
                                              java.util.function.BiConsumer<MediaServer.Publisher, RTCIceCandidate> give) {
        side.thenAccept(p -> rtc.execute(() -> {
            early.forEach(c -> give.accept(p, c));
            early.clear();
        }));
        return new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate candidate) {
                rtc.execute(() -> {
                    if (side.isDone()) {
                        give.accept(side.join(), candidate);
                    } else {
                        early.add(candidate);
                    }
                });
            }

            @Override
            public void onIceGatheringChange(RTCIceGatheringState state) {
                if (state == RTCIceGatheringState.COMPLETE) {
                    onIceCandidate(null);
                }
            }
        };
    }

    private CreateSessionDescriptionObserver created(CompletableFuture<?> failure, Consumer<RTCSessionDescription> then) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                rtc.execute(() -> then.accept(description));
            }

            @Override
            public void onFailure(String error) {
                failure.completeExceptionally(new IllegalStateException("create description: " + error));
            }
        };
    }

    private SetSessionDescriptionObserver applied(CompletableFuture<?> failure, Runnable then) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                rtc.execute(then);
            }

            @Override
            public void onFailure(String error) {
                failure.completeExceptionally(new IllegalStateException("set description: " + error));
            }
        };
    }

    private <T> T call(Callable<T> task) {
        try {
            return rtc.submit(task).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closeMediaServerSides.forEach(Runnable::run);
        try {
            if (pusher != null) {
                pusher.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        call(() -> {
            for (int i = 0; i < remoteTracks.size(); i++) {
                remoteTracks.get(i).removeSink(remoteSinks.get(i));
            }
            for (RTCPeerConnection pc : connections) {
                for (var sender : pc.getSenders()) {
                    pc.removeTrack(sender);
                }
                pc.close();
            }
            if (track != null) {
                track.dispose();
                source.dispose();
            }
            factory.dispose();
            audioModule.dispose();
            return null;
        });
        rtc.shutdown();
    }
}
