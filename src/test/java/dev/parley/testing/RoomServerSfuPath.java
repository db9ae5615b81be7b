package dev.parley.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.MediaMode;
import dev.parley.protocol.PlayLayer;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.SignalKind;
import dev.parley.server.sfu.MediaEvent;
import dev.parley.server.sfu.MediaServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The media server as a client of an SFU room sees it: through the room server's signaling,
 * over a logged-in {@link RawClient}. Lets {@link RawSfuPeer}'s bare webrtc-java peers publish and
 * play through the room server with no engine, so that tests see exactly what the room server
 * does. Events are not reported (tests wait for the room server's HANGUPs on the client).
 *
 * <p>Thread-safe; the waits for the room server's answers run on a thread of this object's.
 */
public final class RoomServerSfuPath implements MediaServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final RawClient client;
    private final ExecutorService waits = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sfu-path-wait");
        t.setDaemon(true);
        return t;
    });

    public RoomServerSfuPath(RawClient client) {
        this.client = client;
    }

    private static String candidate(String candidate, String sdpMid, int sdpMLineIndex) {
        try {
            return candidate == null ? "{\"completed\":true}"
                    : JSON.writeValueAsString(Map.of("candidate", candidate, "sdpMid", sdpMid == null ? "0" : sdpMid,
                    "sdpMLineIndex", sdpMLineIndex));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void signal(String streamId, String toUserId, SignalKind kind, String payload) {
        client.ok(id -> new ClientMessage.RelaySignal(id, streamId, toUserId, kind, payload));
    }

    /** The next signal of {@code kind} from the media server about {@code streamId} after {@code mark}. */
    private String awaitSignal(int mark, String streamId, SignalKind kind) {
        return client.awaitAfter(mark, ServerMessage.SignalReceived.class, s -> s.streamId().equals(streamId)
                && s.kind() == kind && MediaMode.MEDIA_SERVER_PEER.equals(s.fromUserId()), WAIT).payload();
    }

    @Override
    public CompletableFuture<Publisher> publish(String roomKey, String streamId, String display, String offer,
                                                Consumer<MediaEvent> events) {
        return CompletableFuture.supplyAsync(() -> {
            int mark = client.mark();
            signal(streamId, MediaMode.MEDIA_SERVER_PEER, SignalKind.OFFER, offer);
            String answer = awaitSignal(mark, streamId, SignalKind.ANSWER);
            return new Publisher() {
                @Override
                public String answer() {
                    return answer;
                }

                @Override
                public void candidate(String candidate, String sdpMid, int sdpMLineIndex) {
                    signal(streamId, MediaMode.MEDIA_SERVER_PEER, SignalKind.ICE_CANDIDATE,
                            RoomServerSfuPath.candidate(candidate, sdpMid, sdpMLineIndex));
                }

                @Override
                public CompletableFuture<String> renegotiate(String again) {
                    return CompletableFuture.supplyAsync(() -> {
                        int m = client.mark();
                        signal(streamId, MediaMode.MEDIA_SERVER_PEER, SignalKind.OFFER, again);
                        return awaitSignal(m, streamId, SignalKind.ANSWER);
                    }, waits);
                }

                @Override
                public void close() {
                    if (client.isOpen()) {
                        client.send(new ClientMessage.RelaySignal(client.nextId(), streamId, MediaMode.MEDIA_SERVER_PEER,
                                SignalKind.HANGUP, ""));
                    }
                }
            };
        }, waits);
    }

    /** {@code roomKey} is the publisher's user ID here: the one a player's PLAY_REQUEST goes to. */
    @Override
    public CompletableFuture<Subscriber> subscribe(String publisherUserId, String streamId, Consumer<MediaEvent> events) {
        return CompletableFuture.supplyAsync(() -> {
            int mark = client.mark();
            signal(streamId, publisherUserId, SignalKind.PLAY_REQUEST, "");
            String offer = awaitSignal(mark, streamId, SignalKind.OFFER);
            return new Subscriber() {
                @Override
                public String offer() {
                    return offer;
                }

                @Override
                public CompletableFuture<Void> start(String answer) {
                    return CompletableFuture.runAsync(() -> signal(streamId, MediaMode.MEDIA_SERVER_PEER,
                            SignalKind.ANSWER, answer), waits);
                }

                @Override
                public void candidate(String candidate, String sdpMid, int sdpMLineIndex) {
                    signal(streamId, MediaMode.MEDIA_SERVER_PEER, SignalKind.ICE_CANDIDATE,
                            RoomServerSfuPath.candidate(candidate, sdpMid, sdpMLineIndex));
                }

                @Override
                public void layer(int substream) {
                    PlayLayer layer = substream == 0 ? PlayLayer.SMALL : PlayLayer.BIG;
                    client.ok(id -> new ClientMessage.SetPlayLayer(id, streamId, layer));
                }

                @Override
                public CompletableFuture<String> restartIce() {
                    return CompletableFuture.supplyAsync(() -> {
                        int m = client.mark();
                        signal(streamId, publisherUserId, SignalKind.PLAY_REQUEST, "ice-restart");
                        return awaitSignal(m, streamId, SignalKind.OFFER);
                    }, waits);
                }

                @Override
                public void close() {
                    if (client.isOpen()) {
                        client.send(new ClientMessage.RelaySignal(client.nextId(), streamId, publisherUserId,
                                SignalKind.HANGUP, ""));
                    }
                }
            };
        }, waits);
    }

    @Override
    public void closeRoom(String roomKey) {
    }

    @Override
    public void close() {
        waits.shutdownNow();
    }
}
