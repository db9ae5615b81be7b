package dev.parley.engine.internal;

import dev.parley.engine.PublishChannel;
import dev.parley.engine.PublisherState;
import dev.parley.engine.ResultCallback;
import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ErrorCode;
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
 * kept registered on the server across reconnects.
 *
 * <p>Not thread-safe; used on the engine loop only. One instance per room session.
 */
final class Publications {
    private final EngineContext engine;
    private final RoomSession room;
    private final UserInfo self;
    private final Map<PublishChannel, Publication> byChannel = new EnumMap<>(PublishChannel.class);
    /** Streams stopped while disconnected that the server may still hold after a resume. */
    private final Set<String> toUnregister = new LinkedHashSet<>();

    Publications(EngineContext engine, RoomSession room, UserInfo self) {
        this.engine = engine;
        this.room = room;
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
        if (channel == PublishChannel.AUX && ScreenSource.unavailableReason() != null) {
            report(streamId, PublisherState.NO_PUBLISH, ErrorCode.DEVICE_SCREEN_CAPTURE_UNAVAILABLE.code());
            return;
        }
        Publication publication = new Publication(streamId, channel);
        byChannel.put(channel, publication);
        toUnregister.remove(streamId);
        setState(publication, PublisherState.PUBLISH_REQUESTING, 0);
        if (room.connected()) {
            register(publication);
        }
    }

    /** The streams the server has registered for this client. */
    List<String> registeredStreamIds() {
        List<String> ids = new ArrayList<>();
        for (Publication p : byChannel.values()) {
            if (p.registered() && p.state() == dev.parley.engine.PublisherState.PUBLISHING) {
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

    void stop(PublishChannel channel) {
        Publication publication = byChannel.remove(channel);
        if (publication == null) {
            return;
        }
        room.media().onPublicationStopped(publication.streamId());
        // also when the registration is still in flight: the server handles our requests in order
        if (room.connected()) {
            room.request(new ClientMessage.StopPublish(engine.nextRequestId(), publication.streamId()), reply -> { });
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
        if (!publication.registered() || !room.connected()) {
            answer(callback, 0); // sent with the stream's registration
            return;
        }
        room.request(new ClientMessage.SetStreamExtraInfo(engine.nextRequestId(), publication.streamId(), extraInfo),
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
        for (String streamId : toUnregister) {
            room.request(new ClientMessage.StopPublish(engine.nextRequestId(), streamId), reply -> { });
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
        if (!room.connected()) {
            return;
        }
        for (Publication p : byChannel.values()) {
            if (p.registered()) {
                room.request(new ClientMessage.SetStreamMedia(engine.nextRequestId(), p.streamId(),
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
            room.media().onPublicationStopped(p.streamId());
            setState(p, PublisherState.NO_PUBLISH, code);
        }
        byChannel.clear();
    }

    /** A screen (AUX) stream carries no audio, and its video does not follow the camera switch. */
    private boolean audioOn(Publication p) {
        return p.channel() != PublishChannel.AUX && engine.media().audioOn();
    }

    private boolean videoOn(Publication p) {
        return p.channel() == PublishChannel.AUX || engine.media().videoOn();
    }

    private void register(Publication publication) {
        String sentExtraInfo = publication.extraInfo();
        boolean sentAudio = audioOn(publication);
        boolean sentVideo = videoOn(publication);
        room.request(new ClientMessage.Publish(engine.nextRequestId(), publication.streamId(), Conversions.wire(publication.channel()),
                sentExtraInfo, sentAudio, sentVideo), reply -> {
            if (byChannel.get(publication.channel()) != publication) {
                return;
            }
            if (reply.code() == 0) {
                publication.registered(true);
                setState(publication, PublisherState.PUBLISHING, 0);
                // what changed while the registration was in flight
                if (!publication.extraInfo().equals(sentExtraInfo)) {
                    room.request(new ClientMessage.SetStreamExtraInfo(engine.nextRequestId(), publication.streamId(),
                            publication.extraInfo()), r -> { });
                }
                if (audioOn(publication) != sentAudio || videoOn(publication) != sentVideo) {
                    room.request(new ClientMessage.SetStreamMedia(engine.nextRequestId(), publication.streamId(),
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
        if (publication.state() == state && code == 0) {
            return;
        }
        publication.state(state);
        report(publication.streamId(), state, code);
    }

    private void report(String streamId, PublisherState state, int code) {
        engine.callbacks().emit(h -> h.onPublisherStateUpdate(streamId, state, code, "{}"));
    }

    private void answer(ResultCallback callback, int code) {
        if (callback != null) {
            engine.callbacks().run(() -> callback.onResult(code));
        }
    }
}
