package dev.parley.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Limits;
import dev.parley.protocol.MediaMode;
import dev.parley.protocol.PlayLayer;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.SignalKind;
import dev.parley.protocol.StreamInfo;
import dev.parley.server.sfu.JanusException;
import dev.parley.server.sfu.MediaEvent;
import dev.parley.server.sfu.MediaServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Media negotiation in SFU rooms: the room server speaks for the media server. A publisher's
 * offer opens its stream's one connection to the media server and gets the media server's
 * answer; a player's PLAY_REQUEST opens a subscription, whose offer the player answers. Both send
 * their candidates here. Signals from the media server carry the user ID
 * {@link MediaMode#MEDIA_SERVER_PEER}. When a connection ends inside the media server, or the
 * media server itself is lost and comes back empty, the client gets a HANGUP from it and
 * negotiates again. In {@link PlayLayer#DEFAULT} the layer a player receives steps down on lost
 * packets towards it and back up after a quiet while.
 *
 * <p>Not thread-safe; used on the server's core thread only. Results of the media server come
 * back through {@code core}, the executor of that thread.
 */
final class SfuRelay {
    private static final Logger LOG = LoggerFactory.getLogger(SfuRelay.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Janus's answer while a stream's publisher connection is not up yet. */
    private static final int NO_SUCH_FEED = 428;
    static final String ICE_RESTART = "ice-restart";
    /** A DEFAULT player steps back up one layer after this long without losses towards it. */
    static final long LAYER_UP_AFTER_MILLIS = 8_000;
    private static final int TOP_LAYER = 2;

    /** One published stream's connection to the media server. */
    private static final class Publication {
        final Session publisher;
        final Room room;
        final String streamId;
        MediaServer.Publisher connection;
        boolean up;
        final List<Subscription> waiting = new ArrayList<>();
        final List<String> earlyCandidates = new ArrayList<>();
        boolean closed;

        Publication(Session publisher, Room room, String streamId) {
            this.publisher = publisher;
            this.room = room;
            this.streamId = streamId;
        }
    }

    /** One player's subscription to one stream. */
    private static final class Subscription {
        final Session player;
        final Room room;
        final String streamId;
        MediaServer.Subscriber connection;
        final List<String> earlyCandidates = new ArrayList<>();
        String earlyAnswer;
        PlayLayer layer = PlayLayer.DEFAULT;
        int substream = TOP_LAYER;
        long lastLossMillis;
        boolean closed;

        Subscription(Session player, Room room, String streamId) {
            this.player = player;
            this.room = room;
            this.streamId = streamId;
        }
    }

    private final PushDelivery delivery;
    private final Executor core;
    private final Clock clock;
    private MediaServer media;
    private final Map<String, Publication> publications = new HashMap<>();
    private final Map<Session, Map<String, Subscription>> subscriptions = new HashMap<>();

    SfuRelay(PushDelivery delivery, Executor core, Clock clock) {
        this.delivery = delivery;
        this.core = core;
        this.clock = clock;
    }

    /** The media server to use from now on, or null while there is none. */
    void mediaServer(MediaServer value) {
        this.media = value;
    }

    private static String key(Room room, String streamId) {
        return room.mediaKey() + "/" + streamId;
    }

    ErrorCode relay(Session sender, ClientMessage.RelaySignal request, StreamInfo stream) {
        Room room = sender.room();
        boolean fromPublisher = stream.user().userId().equals(sender.user().userId());
        if (media == null) {
            return fromPublisher ? ErrorCode.PUBLISHER_MEDIA_SERVER_UNAVAILABLE : ErrorCode.PLAYER_MEDIA_SERVER_UNAVAILABLE;
        }
        String payload = request.payload() == null ? "" : request.payload();
        if (fromPublisher) {
            if (!MediaMode.MEDIA_SERVER_PEER.equals(request.toUserId())) {
                return ErrorCode.PLAYER_RELAY_NOT_ALLOWED;
            }
            return fromPublisher(sender, room, stream.streamId(), request.kind(), payload);
        }
        return fromPlayer(sender, room, stream, request.kind(), payload);
    }

    private ErrorCode fromPublisher(Session publisher, Room room, String streamId, SignalKind kind, String payload) {
        Publication publication = publications.get(key(room, streamId));
        switch (kind) {
            case OFFER -> {
                if (publication != null && publication.publisher == publisher && publication.connection != null) {
                    renegotiate(publication, payload);
                } else {
                    Publication fresh = new Publication(publisher, room, streamId);
                    if (publication != null) {
                        // players that asked before this offer wait on the old one; they move over
                        List<Subscription> waiting = new ArrayList<>(publication.waiting);
                        close(publication, false);
                        fresh.waiting.addAll(waiting);
                    }
                    open(fresh, payload);
                }
                return ErrorCode.SUCCESS;
            }
            case ICE_CANDIDATE -> {
                if (publication == null || publication.publisher != publisher) {
                    return ErrorCode.PLAYER_RELAY_NOT_ALLOWED;
                }
                if (publication.connection == null) {
                    publication.earlyCandidates.add(payload);
                } else {
                    candidate(publication.connection::candidate, payload);
                }
                return ErrorCode.SUCCESS;
            }
            case HANGUP -> {
                if (publication != null && publication.publisher == publisher) {
                    close(publication, true);
                }
                return ErrorCode.SUCCESS;
            }
            default -> {
                return ErrorCode.PLAYER_RELAY_NOT_ALLOWED;
            }
        }
    }

    private ErrorCode fromPlayer(Session player, Room room, StreamInfo stream, SignalKind kind, String payload) {
        Map<String, Subscription> mine = subscriptions.computeIfAbsent(player, p -> new HashMap<>());
        Subscription subscription = mine.get(stream.streamId());
        switch (kind) {
            case PLAY_REQUEST -> {
                if (subscription != null && subscription.connection != null && ICE_RESTART.equals(payload)) {
                    restartIce(subscription);
                    return ErrorCode.SUCCESS;
                }
                if (subscription == null && player.playingStreamIds().size() >= Limits.MAX_PLAYING_STREAMS
                        && !player.playingStreamIds().contains(stream.streamId())) {
                    return ErrorCode.PLAYER_TOO_MANY_STREAMS;
                }
                PlayLayer layer = subscription == null ? PlayLayer.DEFAULT : subscription.layer;
                if (subscription != null) {
                    close(subscription);
                }
                player.playingStreamIds().add(stream.streamId());
                Subscription fresh = new Subscription(player, room, stream.streamId());
                fresh.layer = layer;
                fresh.substream = substreamOf(layer);
                mine.put(stream.streamId(), fresh);
                subscribe(fresh);
                return ErrorCode.SUCCESS;
            }
            case ANSWER -> {
                if (subscription == null) {
                    return ErrorCode.PLAYER_RELAY_NOT_ALLOWED;
                }
                if (subscription.connection == null) {
                    subscription.earlyAnswer = payload;
                } else {
                    start(subscription, payload);
                }
                return ErrorCode.SUCCESS;
            }
            case ICE_CANDIDATE -> {
                if (subscription == null) {
                    return ErrorCode.PLAYER_RELAY_NOT_ALLOWED;
                }
                if (subscription.connection == null) {
                    subscription.earlyCandidates.add(payload);
                } else {
                    candidate(subscription.connection::candidate, payload);
                }
                return ErrorCode.SUCCESS;
            }
            case HANGUP -> {
                if (subscription != null) {
                    mine.remove(stream.streamId());
                    close(subscription);
                }
                player.playingStreamIds().remove(stream.streamId());
                return ErrorCode.SUCCESS;
            }
            default -> {
                return ErrorCode.PLAYER_RELAY_NOT_ALLOWED;
            }
        }
    }

    ErrorCode setLayer(Session player, ClientMessage.SetPlayLayer request) {
        if (player.room().mediaMode() != MediaMode.SFU) {
            // a mesh stream has one layer; there is nothing to choose
            return ErrorCode.SUCCESS;
        }
        if (request.layer() == null) {
            return ErrorCode.COMMON_INVALID_FIELD;
        }
        Subscription subscription = subscriptions.getOrDefault(player, Map.of()).get(request.streamId());
        if (subscription == null) {
            return ErrorCode.PLAYER_STREAM_NOT_FOUND;
        }
        subscription.layer = request.layer();
        int wanted = substreamOf(request.layer());
        if (wanted != subscription.substream) {
            subscription.substream = wanted;
            if (subscription.connection != null) {
                subscription.connection.layer(wanted);
            }
        }
        return ErrorCode.SUCCESS;
    }

    private static int substreamOf(PlayLayer layer) {
        return layer == PlayLayer.SMALL ? 0 : TOP_LAYER;
    }

    private void open(Publication publication, String offer) {
        publications.put(key(publication.room, publication.streamId), publication);
        MediaServer server = media;
        server.publish(publication.room.mediaKey(), publication.streamId, publication.publisher.user().userId(), offer,
                        event -> core.execute(() -> onPublisherEvent(publication, event)))
                .whenComplete((connection, error) -> core.execute(() -> {
                    if (error != null) {
                        LOG.warn("the media server refused {}'s stream {}: {}", publication.publisher.user().userId(),
                                publication.streamId, rootMessage(error));
                        if (!publication.closed) {
                            publications.remove(key(publication.room, publication.streamId), publication);
                            hangUpPublisher(publication);
                        }
                        return;
                    }
                    if (publication.closed || media != server) {
                        connection.close();
                        return;
                    }
                    publication.connection = connection;
                    signal(publication.room, publication.publisher, publication.streamId, SignalKind.ANSWER,
                            connection.answer());
                    publication.earlyCandidates.forEach(c -> candidate(connection::candidate, c));
                    publication.earlyCandidates.clear();
                }));
    }

    private void renegotiate(Publication publication, String offer) {
        publication.connection.renegotiate(offer).whenComplete((answer, error) -> core.execute(() -> {
            if (publication.closed) {
                return;
            }
            if (error != null) {
                LOG.warn("renegotiating {} failed: {}", publication.streamId, rootMessage(error));
                close(publication, true);
                return;
            }
            signal(publication.room, publication.publisher, publication.streamId, SignalKind.ANSWER, answer);
        }));
    }

    private void onPublisherEvent(Publication publication, MediaEvent event) {
        if (publication.closed) {
            return;
        }
        if (event instanceof MediaEvent.Up) {
            publication.up = true;
            List<Subscription> waiting = new ArrayList<>(publication.waiting);
            publication.waiting.clear();
            waiting.stream().filter(s -> !s.closed).forEach(this::subscribe);
        } else if (event instanceof MediaEvent.Down down) {
            LOG.info("the media server ended {}'s stream {}: {}", publication.publisher.user().userId(),
                    publication.streamId, down.reason());
            close(publication, true);
        }
    }

    private void subscribe(Subscription subscription) {
        Publication publication = publications.get(key(subscription.room, subscription.streamId));
        if (publication == null || !publication.up) {
            // asked before the publisher's connection is up: the offer follows once it is
            if (publication != null) {
                publication.waiting.add(subscription);
            } else {
                pendingWithoutPublication(subscription);
            }
            return;
        }
        MediaServer server = media;
        server.subscribe(subscription.room.mediaKey(), subscription.streamId,
                        event -> core.execute(() -> onSubscriberEvent(subscription, event)))
                .whenComplete((connection, error) -> core.execute(() -> {
                    if (error != null) {
                        if (!subscription.closed && rootCode(error) == NO_SUCH_FEED) {
                            Publication again = publications.get(key(subscription.room, subscription.streamId));
                            if (again != null) {
                                again.up = false;
                                again.waiting.add(subscription);
                                return;
                            }
                        }
                        LOG.warn("the media server refused {} playing {}: {}", subscription.player.user().userId(),
                                subscription.streamId, rootMessage(error));
                        if (!subscription.closed) {
                            dropSubscription(subscription);
                            hangUpPlayer(subscription);
                        }
                        return;
                    }
                    if (subscription.closed || media != server) {
                        connection.close();
                        return;
                    }
                    subscription.connection = connection;
                    if (subscription.substream != TOP_LAYER) {
                        connection.layer(subscription.substream);
                    }
                    signal(subscription.room, subscription.player, subscription.streamId, SignalKind.OFFER,
                            connection.offer());
                    subscription.earlyCandidates.forEach(c -> candidate(connection::candidate, c));
                    subscription.earlyCandidates.clear();
                    if (subscription.earlyAnswer != null) {
                        start(subscription, subscription.earlyAnswer);
                        subscription.earlyAnswer = null;
                    }
                }));
    }

    /**
     * A player asked for a stream whose publisher has not offered yet (it offers right after
     * publishing): the subscription waits on a placeholder that the offer fills in.
     */
    private void pendingWithoutPublication(Subscription subscription) {
        StreamInfo stream = subscription.room.streams().get(subscription.streamId);
        Session publisher = stream == null ? null : subscription.room.members().get(stream.user().userId());
        if (publisher == null) {
            hangUpPlayer(subscription);
            return;
        }
        Publication placeholder = new Publication(publisher, subscription.room, subscription.streamId);
        placeholder.waiting.add(subscription);
        publications.put(key(subscription.room, subscription.streamId), placeholder);
    }

    private void start(Subscription subscription, String answer) {
        subscription.connection.start(answer).whenComplete((x, error) -> core.execute(() -> {
            if (error != null && !subscription.closed) {
                LOG.warn("the media server refused {}'s answer for {}: {}", subscription.player.user().userId(),
                        subscription.streamId, rootMessage(error));
                dropSubscription(subscription);
                hangUpPlayer(subscription);
            }
        }));
    }

    private void restartIce(Subscription subscription) {
        subscription.connection.restartIce().whenComplete((offer, error) -> core.execute(() -> {
            if (subscription.closed) {
                return;
            }
            if (error != null) {
                LOG.warn("ICE restart for {} playing {} failed: {}", subscription.player.user().userId(),
                        subscription.streamId, rootMessage(error));
                dropSubscription(subscription);
                hangUpPlayer(subscription);
                return;
            }
            signal(subscription.room, subscription.player, subscription.streamId, SignalKind.OFFER, offer);
        }));
    }

    private void onSubscriberEvent(Subscription subscription, MediaEvent event) {
        if (subscription.closed) {
            return;
        }
        if (event instanceof MediaEvent.SlowLink slow && !slow.toServer() && subscription.layer == PlayLayer.DEFAULT) {
            subscription.lastLossMillis = clock.millis();
            if (subscription.substream > 0 && subscription.connection != null) {
                subscription.substream--;
                LOG.info("{} loses packets of {}: down to layer {}", subscription.player.user().userId(),
                        subscription.streamId, subscription.substream);
                subscription.connection.layer(subscription.substream);
            }
        } else if (event instanceof MediaEvent.Down down) {
            LOG.info("the media server ended {} playing {}: {}", subscription.player.user().userId(),
                    subscription.streamId, down.reason());
            dropSubscription(subscription);
            hangUpPlayer(subscription);
        }
    }

    /** Steps DEFAULT players back up a layer once their link has been quiet long enough. Core thread, every few seconds. */
    void tick() {
        long now = clock.millis();
        for (Map<String, Subscription> mine : subscriptions.values()) {
            for (Subscription s : mine.values()) {
                if (s.layer == PlayLayer.DEFAULT && s.substream < TOP_LAYER && s.connection != null
                        && now - s.lastLossMillis >= LAYER_UP_AFTER_MILLIS) {
                    s.substream++;
                    s.lastLossMillis = now;
                    LOG.info("{}'s link to {} is quiet: up to layer {}", s.player.user().userId(), s.streamId, s.substream);
                    s.connection.layer(s.substream);
                }
            }
        }
    }

    /** The streams ended (stopped, or their publisher left): their connections and subscriptions go. */
    void streamsRemoved(Room room, List<String> streamIds) {
        for (String streamId : streamIds) {
            Publication publication = publications.get(key(room, streamId));
            if (publication != null) {
                close(publication, false);
            }
            for (Map<String, Subscription> mine : subscriptions.values()) {
                Subscription s = mine.remove(streamId);
                if (s != null && s.room == room) {
                    close(s);
                }
            }
        }
    }

    /** The session left the room: its subscriptions go (its streams go with {@link #streamsRemoved}). */
    void sessionRemoved(Session session) {
        Map<String, Subscription> mine = subscriptions.remove(session);
        if (mine != null) {
            mine.values().forEach(s -> close(s));
        }
    }

    void roomRemoved(Room room) {
        if (room.mediaMode() == MediaMode.SFU && media != null) {
            media.closeRoom(room.mediaKey());
        }
    }

    /** The media server is gone: every connection on it went with it. */
    void mediaServerLost() {
        media = null;
        forgetEverything();
    }

    /** A new, empty media server: everyone who was publishing or playing negotiates again. */
    void mediaServerRestored(MediaServer server) {
        forgetEverything();
        media = server;
    }

    private void forgetEverything() {
        List<Publication> oldPublications = new ArrayList<>(publications.values());
        publications.clear();
        List<Subscription> oldSubscriptions = new ArrayList<>();
        subscriptions.values().forEach(m -> oldSubscriptions.addAll(m.values()));
        subscriptions.clear();
        for (Publication p : oldPublications) {
            p.closed = true;
            if (p.connection != null) {
                hangUpPublisher(p);
            }
        }
        for (Subscription s : oldSubscriptions) {
            s.closed = true;
            hangUpPlayer(s);
        }
    }

    private void close(Publication publication, boolean tellPublisher) {
        publication.closed = true;
        publications.remove(key(publication.room, publication.streamId), publication);
        if (publication.connection != null) {
            publication.connection.close();
        }
        if (tellPublisher) {
            hangUpPublisher(publication);
        }
        // players of the stream lose it in the media server; they ask again once it is back
        for (Map<String, Subscription> mine : subscriptions.values()) {
            Subscription s = mine.get(publication.streamId);
            if (s != null && s.room == publication.room && !publication.waiting.contains(s)) {
                mine.remove(publication.streamId);
                close(s);
                if (tellPublisher && publication.room.streams().containsKey(publication.streamId)) {
                    hangUpPlayer(s);
                }
            }
        }
    }

    private void close(Subscription subscription) {
        subscription.closed = true;
        if (subscription.connection != null) {
            subscription.connection.close();
        }
    }

    private void dropSubscription(Subscription subscription) {
        Map<String, Subscription> mine = subscriptions.get(subscription.player);
        if (mine != null) {
            mine.remove(subscription.streamId, subscription);
        }
        close(subscription);
    }

    private void hangUpPublisher(Publication publication) {
        if (publication.room.streams().containsKey(publication.streamId)) {
            signal(publication.room, publication.publisher, publication.streamId, SignalKind.HANGUP, "");
        }
    }

    private void hangUpPlayer(Subscription subscription) {
        if (subscription.room.members().get(subscription.player.user().userId()) == subscription.player) {
            signal(subscription.room, subscription.player, subscription.streamId, SignalKind.HANGUP, "");
        }
    }

    /** A signal from the media server to one member, in the room's history like every relayed signal. */
    private void signal(Room room, Session to, String streamId, SignalKind kind, String payload) {
        delivery.deliver(room, new Audience.Only(Set.of(to.user().userId())),
                seq -> new ServerMessage.SignalReceived(room.roomId(), seq, streamId, MediaMode.MEDIA_SERVER_PEER, kind,
                        payload));
    }

    /** A candidate as clients send it: {@code {sdpMid, sdpMLineIndex, candidate}}, or {@code {completed: true}}. */
    private interface CandidateSink {
        void candidate(String candidate, String sdpMid, int sdpMLineIndex);
    }

    private static void candidate(CandidateSink sink, String payload) {
        try {
            JsonNode c = JSON.readTree(payload);
            if (c.path("completed").asBoolean(false) || c.path("candidate").asText("").isEmpty()) {
                sink.candidate(null, null, 0);
            } else {
                sink.candidate(c.path("candidate").asText(), c.path("sdpMid").asText(null), c.path("sdpMLineIndex").asInt());
            }
        } catch (Exception e) {
            LOG.debug("not a candidate: {}", payload);
        }
    }

    private static int rootCode(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && !(t instanceof JanusException)) {
            t = t.getCause();
        }
        return t instanceof JanusException j ? j.code() : 0;
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && !(t instanceof JanusException)) {
            t = t.getCause();
        }
        return t.getMessage();
    }

}
