package dev.parley.server.sfu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MediaServer} on one Janus session and its VideoRoom plugin. Each Parley room becomes a
 * private VideoRoom with a random string ID, secret and PIN, created with the plugin's admin key
 * when first used; each publisher and each subscriber connection has a handle of its own, and
 * a published stream is the VideoRoom feed with the stream's ID.
 *
 * <p>Thread-safe. Lives as long as its session: once that is lost, every request fails and a
 * new instance takes over on the next session.
 */
final class JanusMediaServer implements MediaServer {
    private static final Logger LOG = LoggerFactory.getLogger(JanusMediaServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The most publishers one VideoRoom takes; the room server's own member limit applies first. */
    private static final int MAX_PUBLISHERS = 1000;
    /** The video bitrate Janus tells a publisher it may send at most, all simulcast layers together. */
    private static final int MAX_VIDEO_BITRATE = 3_000_000;

    /**
     * Publishers list their simulcast encodings lowest first: libwebrtc's VP8 encoder refuses
     * layers in any other order (error -15), so the offer's rids run low, medium, high.
     */
    static final String RID_ORDER = "lmh";

    private record VideoRoom(String id, String secret, String pin) {
    }

    private final JanusSession session;
    private final String adminKey;
    private final Map<String, CompletableFuture<VideoRoom>> rooms = new ConcurrentHashMap<>();

    JanusMediaServer(JanusSession session, String adminKey) {
        this.session = session;
        this.adminKey = adminKey;
    }

    private static String random() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static ObjectNode body(String request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("request", request);
        return body;
    }

    /** The VideoRoom for {@code roomKey}, created on first use through a handle of its own. */
    private CompletableFuture<VideoRoom> room(String roomKey) {
        return rooms.computeIfAbsent(roomKey, key -> {
            VideoRoom room = new VideoRoom("r-" + random(), random(), random());
            return session.attachVideoRoom(message -> { }).thenCompose(handle -> {
                ObjectNode create = body("create");
                create.put("room", room.id());
                create.put("is_private", true);
                create.put("secret", room.secret());
                create.put("pin", room.pin());
                create.put("admin_key", adminKey);
                create.put("publishers", MAX_PUBLISHERS);
                create.put("bitrate", MAX_VIDEO_BITRATE);
                create.put("fir_freq", 10);
                create.put("audiocodec", "opus");
                create.put("videocodec", "vp8,h264");
                return handle.message(create, null, null)
                        .whenComplete((r, e) -> handle.detach())
                        .thenApply(created -> room);
            }).whenComplete((r, e) -> {
                if (e != null) {
                    rooms.remove(key);
                }
            });
        });
    }

    @Override
    public CompletableFuture<Publisher> publish(String roomKey, String streamId, String display, String offer,
                                                Consumer<MediaEvent> events) {
        return room(roomKey).thenCompose(room -> session.attachVideoRoom(routed(events)).thenCompose(handle -> {
            ObjectNode join = body("joinandconfigure");
            join.put("ptype", "publisher");
            join.put("room", room.id());
            join.put("pin", room.pin());
            join.put("id", streamId);
            join.put("display", display);
            return handle.message(join, "offer", offer, RID_ORDER)
                    .thenApply(joined -> (Publisher) new JanusPublisher(handle, sdp(joined)))
                    .whenComplete((p, e) -> {
                        if (e != null) {
                            handle.detach();
                        }
                    });
        }));
    }

    @Override
    public CompletableFuture<Subscriber> subscribe(String roomKey, String streamId, Consumer<MediaEvent> events) {
        return room(roomKey).thenCompose(room -> session.attachVideoRoom(routed(events)).thenCompose(handle -> {
            ObjectNode join = body("join");
            join.put("ptype", "subscriber");
            join.put("room", room.id());
            join.put("pin", room.pin());
            join.putArray("streams").addObject().put("feed", streamId);
            return handle.message(join, null, null)
                    .thenApply(attached -> (Subscriber) new JanusSubscriber(handle, sdp(attached), videoMids(attached)))
                    .whenComplete((s, e) -> {
                        if (e != null) {
                            handle.detach();
                        }
                    });
        }));
    }

    private static JanusHandle.Events routed(Consumer<MediaEvent> events) {
        return message -> {
            MediaEvent event = MediaEvent.of(message);
            if (event != null) {
                events.accept(event);
            }
        };
    }

    private static String sdp(JsonNode event) {
        String sdp = event.path("jsep").path("sdp").asText(null);
        if (sdp == null) {
            throw new JanusException(0, "Janus sent no SDP with " + event.path("plugindata").path("data"));
        }
        return sdp;
    }

    private static List<String> videoMids(JsonNode attached) {
        List<String> mids = new ArrayList<>();
        for (JsonNode stream : attached.path("plugindata").path("data").path("streams")) {
            if ("video".equals(stream.path("type").asText())) {
                mids.add(stream.path("mid").asText());
            }
        }
        return mids;
    }

    @Override
    public void closeRoom(String roomKey) {
        CompletableFuture<VideoRoom> room = rooms.remove(roomKey);
        if (room == null) {
            return;
        }
        room.thenCompose(r -> session.attachVideoRoom(message -> { }).thenCompose(handle -> {
            ObjectNode destroy = body("destroy");
            destroy.put("room", r.id());
            destroy.put("secret", r.secret());
            return handle.message(destroy, null, null).whenComplete((x, e) -> handle.detach());
        })).whenComplete((r, e) -> {
            if (e != null) {
                LOG.debug("destroying the media room of {} failed: {}", roomKey, e.toString());
            }
        });
    }

    @Override
    public void close() {
        session.close();
    }

    private static void logFailure(String what, CompletableFuture<?> future) {
        future.whenComplete((r, e) -> {
            if (e != null) {
                LOG.debug("{} failed: {}", what, e.toString());
            }
        });
    }

    private static void trickle(JanusHandle handle, String candidate, String sdpMid, int sdpMLineIndex) {
        logFailure("trickle", candidate == null ? handle.trickleCompleted() : handle.trickle(candidate, sdpMid, sdpMLineIndex));
    }

    private static final class JanusPublisher implements Publisher {
        private final JanusHandle handle;
        private final String answer;

        JanusPublisher(JanusHandle handle, String answer) {
            this.handle = handle;
            this.answer = answer;
        }

        @Override
        public String answer() {
            return answer;
        }

        @Override
        public void candidate(String candidate, String sdpMid, int sdpMLineIndex) {
            trickle(handle, candidate, sdpMid, sdpMLineIndex);
        }

        @Override
        public CompletableFuture<String> renegotiate(String offer) {
            return handle.message(body("configure"), "offer", offer, RID_ORDER).thenApply(JanusMediaServer::sdp);
        }

        @Override
        public void close() {
            logFailure("detaching a publisher", handle.detach());
        }
    }

    private static final class JanusSubscriber implements Subscriber {
        private final JanusHandle handle;
        private final String offer;
        private final List<String> videoMids;

        JanusSubscriber(JanusHandle handle, String offer, List<String> videoMids) {
            this.handle = handle;
            this.offer = offer;
            this.videoMids = videoMids;
        }

        @Override
        public String offer() {
            return offer;
        }

        @Override
        public CompletableFuture<Void> start(String answer) {
            return handle.message(body("start"), "answer", answer).thenApply(r -> null);
        }

        @Override
        public void candidate(String candidate, String sdpMid, int sdpMLineIndex) {
            trickle(handle, candidate, sdpMid, sdpMLineIndex);
        }

        @Override
        public void layer(int substream) {
            ObjectNode configure = body("configure");
            ArrayNode streams = configure.putArray("streams");
            for (String mid : videoMids) {
                streams.addObject().put("mid", mid).put("substream", substream);
            }
            logFailure("choosing layer " + substream, handle.message(configure, null, null));
        }

        @Override
        public CompletableFuture<String> restartIce() {
            ObjectNode configure = body("configure");
            configure.put("restart", true);
            return handle.message(configure, null, null).thenApply(JanusMediaServer::sdp);
        }

        @Override
        public void close() {
            logFailure("detaching a subscriber", handle.detach());
        }
    }
}
