package dev.parley.engine.internal.room;

import dev.parley.engine.PublishChannel;
import dev.parley.engine.PublisherState;
import dev.parley.engine.ResultCallback;
import dev.parley.engine.internal.core.CallbackDispatcher;
import dev.parley.engine.internal.media.EngineMedia;
import dev.parley.engine.internal.media.RoomMedia;
import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MediaMode;
import dev.parley.protocol.StreamInfo;
import dev.parley.protocol.UserInfo;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The streams this client publishes in its room, one per channel, with their publisher states,
 * kept registered on the server across reconnects. The room's media learns when a publication is
 * live and when it stops.
 *
 * <p>Engine loop only. One instance per room session.
 */
final class Publications {
    private final Outbox outbox;
    private final CallbackDispatcher callbacks;
    private final EngineMedia local;
    private final RoomMedia media;
    private final UserInfo self;
    private final Map<PublishChannel, Publication> byChannel = new EnumMap<>(PublishChannel.class);
    /** Streams stopped while disconnected that the server may still hold after a resume. */
    private final Set<String> toUnregister = new LinkedHashSet<>();
    /** Whether the room's media goes through the media server. */
    private boolean viaMediaServer;
    /** Set while a resume brings the publications back, which the server kept. */
    private boolean resuming;

    Publications(Outbox outbox, CallbackDispatcher callbacks, EngineMedia local, RoomMedia media, UserInfo self) {
        this.outbox = outbox;
        this.callbacks = callbacks;
        this.local = local;
        this.media = media;
        this.self = self;
    }

    void start(String streamId, PublishChannel channel) {
        Publication existing = byChannel.get(channel);
        if (existing != null) {
            if (!existing.streamId().equals(streamId)) {
                report(streamId, PublisherState.NO_PUBLISH, ErrorCode.PUBLISHER_CHANNEL_BUSY.code());
            }
            return;
        }
        for (Publication other : byChannel.values()) {
            if (other.streamId().equals(streamId)) {
                report(streamId, PublisherState.NO_PUBLISH, ErrorCode.PUBLISHER_CHANNEL_BUSY.code());
                return;
            }
        }
        if (channel == PublishChannel.AUX && local.screenUnavailableReason() != null) {
            report(streamId, PublisherState.NO_PUBLISH, ErrorCode.DEVICE_SCREEN_CAPTURE_UNAVAILABLE.code());
            return;
        }
        Publication publication = new Publication(streamId, channel);
        byChannel.put(channel, publication);
        toUnregister.remove(streamId);
        setState(publication, PublisherState.PUBLISH_REQUESTING, 0);
        if (outbox.connected()) {
            register(publication);
        }
    }

    /** The streams the server has registered for this client. */
    List<String> registeredStreamIds() {
        List<String> ids = new ArrayList<>();
        for (Publication p : byChannel.values()) {
            if (p.registered() && p.state() == PublisherState.PUBLISHING) {
                ids.add(p.streamId());
            }
        }
        return ids;
    }

    /** The channel this client publishes {@code streamId} on, or null. */
    PublishChannel channelOf(String streamId) {
        for (Publication p : byChannel.values()) {
            if (p.streamId().equals(streamId)) {
                return p.channel();
            }
        }
        return null;
    }

    /** Whether this client publishes {@code streamId} and the server has registered it. */
    boolean isRegistered(String streamId) {
        for (Publication p : byChannel.values()) {
            if (p.streamId().equals(streamId) && p.registered()) {
                return true;
            }
        }
        return false;
    }

    /** A publication carried to another room by {@code switchRoom}. */
    record Carried(String streamId, PublishChannel channel, String extraInfo) {
    }

    /**
     * Takes every publication out of this room without reporting NO_PUBLISH, for switchRoom: the
     * connections that carried them close, and the logout that follows removes them on the server.
     */
    List<Carried> handOver() {
        List<Carried> carried = new ArrayList<>();
        for (Publication p : byChannel.values()) {
            media.onPublicationStopped(p.streamId());
            carried.add(new Carried(p.streamId(), p.channel(), p.extraInfo()));
        }
        byChannel.clear();
        return carried;
    }

    /** Starts a publication carried in from another room, with its extra info. */
    void takeOver(Carried carried) {
        start(carried.streamId(), carried.channel());
        Publication p = byChannel.get(carried.channel());
        if (p != null && p.streamId().equals(carried.streamId())) {
            p.extraInfo(carried.extraInfo());
        }
    }

    void stop(PublishChannel channel) {
        Publication publication = byChannel.remove(channel);
        if (publication == null) {
            return;
        }
        media.onPublicationStopped(publication.streamId());
        // also when the registration is still in flight: the server handles our requests in order
        if (outbox.connected()) {
            outbox.request(new ClientMessage.StopPublish(outbox.nextRequestId(), publication.streamId()), reply -> { });
        } else if (publication.registered()) {
            toUnregister.add(publication.streamId());
        }
        setState(publication, PublisherState.NO_PUBLISH, 0);
    }

    void setExtraInfo(String extraInfo, PublishChannel channel, ResultCallback callback) {
        Publication publication = byChannel.get(channel);
        if (publication == null) {
            answer(callback, ErrorCode.PUBLISHER_STREAM_NOT_FOUND.code());
            return;
        }
        publication.extraInfo(extraInfo);
        if (!publication.registered() || !outbox.connected()) {
            answer(callback, 0); // sent with the stream's registration
            return;
        }
        outbox.request(new ClientMessage.SetStreamExtraInfo(outbox.nextRequestId(), publication.streamId(), extraInfo),
                reply -> answer(callback, reply.code()));
    }

    /** The streams to register again with a fresh login. */
    List<StreamInfo> toReRegister() {
        List<StreamInfo> streams = new ArrayList<>();
        for (Publication p : byChannel.values()) {
            streams.add(p.toInfo(self, audioOn(p), videoOn(p)));
        }
        return streams;
    }

    /** After a login or re-login: which of our streams the server registered, and register the rest. */
    void onRoomConnected(List<StreamInfo> roomStreams) {
        toUnregister.clear();
        Set<String> registered = new LinkedHashSet<>();
        for (StreamInfo s : roomStreams) {
            if (s.user().userId().equals(self.userId())) {
                registered.add(s.streamId());
            }
        }
        for (Publication p : new ArrayList<>(byChannel.values())) {
            if (registered.contains(p.streamId())) {
                p.registered(true);
                setState(p, PublisherState.PUBLISHING, 0);
            } else {
                p.registered(false);
                register(p);
            }
        }
    }

    /** After a resume: the server kept our registrations; catch up on what changed meanwhile. */
    void onRoomResumed() {
        resuming = true;
        try {
            catchUp();
        } finally {
            resuming = false;
        }
    }

    private void catchUp() {
        for (String streamId : toUnregister) {
            outbox.request(new ClientMessage.StopPublish(outbox.nextRequestId(), streamId), reply -> { });
        }
        toUnregister.clear();
        for (Publication p : byChannel.values()) {
            if (p.registered()) {
                setState(p, PublisherState.PUBLISHING, 0);
            } else {
                register(p);
            }
        }
    }

    /** Tells the room that our streams' audio or video was turned off or on. */
    void announceMedia() {
        if (!outbox.connected()) {
            return;
        }
        for (Publication p : byChannel.values()) {
            if (p.registered()) {
                outbox.request(new ClientMessage.SetStreamMedia(outbox.nextRequestId(), p.streamId(),
                        audioOn(p), videoOn(p)), reply -> { });
            }
        }
    }

    void onRoomReconnecting() {
        for (Publication p : byChannel.values()) {
            setState(p, PublisherState.PUBLISH_REQUESTING, ErrorCode.ENGINE_SERVER_UNREACHABLE.code());
        }
    }

    void onRoomEnded(int code) {
        for (Publication p : byChannel.values()) {
            media.onPublicationStopped(p.streamId());
            setState(p, PublisherState.NO_PUBLISH, code);
        }
        byChannel.clear();
    }

    /** A screen (AUX) stream carries no audio, and its video does not follow the camera switch. */
    private boolean audioOn(Publication p) {
        return p.channel() != PublishChannel.AUX && local.audioOn();
    }

    private boolean videoOn(Publication p) {
        return p.channel() == PublishChannel.AUX || local.videoOn();
    }

    private void register(Publication publication) {
        String sentExtraInfo = publication.extraInfo();
        boolean sentAudio = audioOn(publication);
        boolean sentVideo = videoOn(publication);
        outbox.request(new ClientMessage.Publish(outbox.nextRequestId(), publication.streamId(), Conversions.wire(publication.channel()),
                sentExtraInfo, sentAudio, sentVideo), reply -> {
            if (byChannel.get(publication.channel()) != publication) {
                return;
            }
            if (reply.code() == 0) {
                publication.registered(true);
                setState(publication, PublisherState.PUBLISHING, 0);
                // what changed while the registration was in flight
                if (!publication.extraInfo().equals(sentExtraInfo)) {
                    outbox.request(new ClientMessage.SetStreamExtraInfo(outbox.nextRequestId(), publication.streamId(),
                            publication.extraInfo()), r -> { });
                }
                if (audioOn(publication) != sentAudio || videoOn(publication) != sentVideo) {
                    outbox.request(new ClientMessage.SetStreamMedia(outbox.nextRequestId(), publication.streamId(),
                            audioOn(publication), videoOn(publication)), r -> { });
                }
            } else if (reply.code() != ErrorCode.ENGINE_SERVER_UNREACHABLE.code()
                    && reply.code() != ErrorCode.COMMON_REQUEST_TIMEOUT.code()) {
                byChannel.remove(publication.channel());
                setState(publication, PublisherState.NO_PUBLISH, reply.code());
            }
        });
    }

    private void setState(Publication publication, PublisherState state, int code) {
        if (state == PublisherState.PUBLISHING && viaMediaServer) {
            // registered; PUBLISHING once the media server has answered the stream's offer
            publication.mediaAccepted(false);
            media.onPublicationLive(publication.streamId(), publication.channel(), resuming);
            if (!publication.mediaAccepted() && publication.state() != PublisherState.PUBLISH_REQUESTING) {
                publication.state(PublisherState.PUBLISH_REQUESTING);
                report(publication.streamId(), PublisherState.PUBLISH_REQUESTING, 0);
            }
            return;
        }
        if (publication.state() == state && code == 0) {
            return;
        }
        publication.state(state);
        report(publication.streamId(), state, code);
        if (state == PublisherState.PUBLISHING) {
            media.onPublicationLive(publication.streamId(), publication.channel(), resuming);
        }
    }

    /** The room's media mode, told at each login: through the media server, PUBLISHING waits for its answer. */
    void mediaMode(MediaMode mode) {
        viaMediaServer = mode == MediaMode.SFU;
    }

    /**
     * The media server answered a publication's offer (an SFU room), or a connection of a stream
     * the relay had interrupted came up (a mesh): it is PUBLISHING.
     */
    void onMediaAccepted(String streamId) {
        for (Publication p : byChannel.values()) {
            if (!p.streamId().equals(streamId) || !p.registered()) {
                continue;
            }
            if (viaMediaServer ? !p.mediaAccepted()
                    : p.interruption() != 0 && p.state() == PublisherState.PUBLISH_REQUESTING && outbox.connected()) {
                p.mediaAccepted(true);
                p.interruption(0);
                p.state(PublisherState.PUBLISHING);
                report(streamId, PublisherState.PUBLISHING, 0);
            }
        }
    }

    /**
     * A publication's media cannot reach its players now, for the reason {@code code}: the media
     * server lost it, or the TURN relay refused the credentials. It is PUBLISH_REQUESTING with that
     * code, reported once per reason, until it is accepted again.
     */
    void onMediaInterrupted(String streamId, int code) {
        for (Publication p : byChannel.values()) {
            if (!p.streamId().equals(streamId) || !p.registered()) {
                continue;
            }
            p.mediaAccepted(false);
            if (p.state() == PublisherState.PUBLISHING || p.interruption() != code) {
                p.interruption(code);
                p.state(PublisherState.PUBLISH_REQUESTING);
                report(streamId, PublisherState.PUBLISH_REQUESTING, code);
            }
        }
    }

    private void report(String streamId, PublisherState state, int code) {
        callbacks.emit(h -> h.onPublisherStateUpdate(streamId, state, code, "{}"));
    }

    private void answer(ResultCallback callback, int code) {
        if (callback != null) {
            callbacks.run(() -> callback.onResult(code));
        }
    }
}
