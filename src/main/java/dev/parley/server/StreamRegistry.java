package dev.parley.server;

import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Limits;
import dev.parley.protocol.MediaMode;
import dev.parley.protocol.Normalization;
import dev.parley.protocol.PublishChannel;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.SignalKind;
import dev.parley.protocol.StreamInfo;
import dev.parley.protocol.UpdateType;
import dev.parley.protocol.Validation;
import dev.parley.server.cluster.Cluster;
import dev.parley.server.cluster.StreamClaim;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The live streams of every room: publishing, stopping, stream extra info, and the relay of media
 * negotiation between a stream's players and its publisher (in SFU rooms, handed to
 * {@link SfuRelay}, which negotiates for the media server). A stream ID is unique within its app
 * on every node that shares the {@link Cluster}: each publish claims it there first.
 *
 * <p>Not thread-safe; used on the server's core thread only.
 */
final class StreamRegistry {
    private final RoomDirectory directory;
    private final PushDelivery delivery;
    private final SfuRelay sfu;
    private final Cluster cluster;

    StreamRegistry(RoomDirectory directory, PushDelivery delivery, SfuRelay sfu, Cluster cluster) {
        this.directory = directory;
        this.delivery = delivery;
        this.sfu = sfu;
        this.cluster = cluster;
    }

    /**
     * Publishes a stream once the other nodes agree that its ID is not live elsewhere. The reply
     * goes to {@code connection} when they have answered (at once for a server alone).
     */
    void publish(ClientConnection connection, Session session, ClientMessage.Publish request) {
        PublishChannel channel = request.channel() == null ? PublishChannel.MAIN : request.channel();
        StreamInfo stream = new StreamInfo(request.streamId(), session.user(), channel,
                request.extraInfo() == null ? "" : request.extraInfo(), request.audio(), request.video());
        Optional<ErrorCode> refusal = checkPublish(session, stream);
        if (refusal.isPresent()) {
            delivery.reply(connection, ServerMessage.Ack.error(request.id(), refusal.get()));
            return;
        }
        if (session.publishedStreamIds().contains(stream.streamId())) {
            delivery.reply(connection, ServerMessage.Ack.ok(request.id()));
            return;
        }
        StreamClaim claim = claim(session, stream.streamId());
        cluster.claimStream(claim, granted -> {
            ErrorCode outcome = afterClaim(session, stream, granted);
            if (outcome != ErrorCode.SUCCESS && granted && !session.publishedStreamIds().contains(stream.streamId())) {
                cluster.releaseStream(claim);
            }
            delivery.reply(connection, outcome == ErrorCode.SUCCESS ? ServerMessage.Ack.ok(request.id())
                    : ServerMessage.Ack.error(request.id(), outcome));
        });
    }

    /** Registers a stream the other nodes let this session have, if nothing here changed meanwhile. */
    private ErrorCode afterClaim(Session session, StreamInfo stream, boolean granted) {
        if (directory.sessionById(session.sessionId()) != session) {
            return ErrorCode.PUBLISHER_NOT_IN_ROOM;
        }
        if (!granted) {
            return ErrorCode.PUBLISHER_STREAM_ID_IN_USE;
        }
        Optional<ErrorCode> refusal = checkPublish(session, stream);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        if (session.publishedStreamIds().contains(stream.streamId())) {
            return ErrorCode.SUCCESS;
        }
        register(session, stream);
        delivery.deliver(session.room(), new Audience.EveryoneBut(session.user().userId()),
                seq -> new ServerMessage.StreamUpdate(session.room().roomId(), seq, UpdateType.ADD, List.of(stream)));
        return ErrorCode.SUCCESS;
    }

    /** The stream as the other nodes know it. */
    static StreamClaim claim(Session session, String streamId) {
        return new StreamClaim(session.appId(), streamId, session.user().userId());
    }

    /** Checks a stream before it is registered; empty when it may be. */
    Optional<ErrorCode> checkPublish(Session session, StreamInfo stream) {
        Optional<ErrorCode> invalid = Validation.publishStreamId(stream.streamId())
                .or(() -> Validation.streamExtraInfo(stream.extraInfo()));
        if (invalid.isPresent()) {
            return invalid;
        }
        if (!session.privileges().publish()) {
            return Optional.of(ErrorCode.PUBLISHER_NO_PRIVILEGE);
        }
        if (!session.privileges().allowsStream(stream.streamId())) {
            return Optional.of(ErrorCode.PUBLISHER_STREAM_NOT_ALLOWED);
        }
        Session owner = directory.streamOwner(session.appId(), stream.streamId());
        if (owner != null && owner != session) {
            return Optional.of(ErrorCode.PUBLISHER_STREAM_ID_IN_USE);
        }
        for (String own : session.publishedStreamIds()) {
            StreamInfo existing = session.room().streams().get(own);
            if (existing != null && existing.channel() == stream.channel() && !own.equals(stream.streamId())) {
                return Optional.of(ErrorCode.PUBLISHER_CHANNEL_BUSY);
            }
        }
        return Optional.empty();
    }

    /** Registers a checked stream without telling anyone. */
    void register(Session session, StreamInfo stream) {
        directory.setStreamOwner(session.appId(), stream.streamId(), session);
        session.publishedStreamIds().add(stream.streamId());
        session.room().streams().put(stream.streamId(), stream);
    }

    ErrorCode stopPublish(Session session, String streamId) {
        if (!session.publishedStreamIds().contains(streamId)) {
            return ErrorCode.PUBLISHER_STREAM_NOT_FOUND;
        }
        removeStreams(session, List.of(streamId));
        return ErrorCode.SUCCESS;
    }

    /** Removes streams of {@code session} and tells the room in one DELETE. */
    void removeStreams(Session session, List<String> streamIds) {
        Room room = session.room();
        List<StreamInfo> removed = new ArrayList<>();
        for (String streamId : streamIds) {
            if (session.publishedStreamIds().remove(streamId)) {
                cluster.releaseStream(claim(session, streamId));
            }
            directory.removeStreamOwner(session.appId(), streamId, session);
            StreamInfo stream = room.streams().remove(streamId);
            if (stream != null) {
                removed.add(stream);
            }
            for (Session member : room.sessions()) {
                member.playingStreamIds().remove(streamId);
            }
        }
        if (!removed.isEmpty()) {
            delivery.deliver(room, new Audience.EveryoneBut(session.user().userId()),
                    seq -> new ServerMessage.StreamUpdate(room.roomId(), seq, UpdateType.DELETE, removed));
        }
        if (room.mediaMode() == MediaMode.SFU) {
            sfu.streamsRemoved(room, streamIds);
        }
    }

    /**
     * Forgets the streams of a session that leaves this node with its whole room (the room moved
     * or the node drains): nobody here is told, and the other nodes may have the stream IDs.
     */
    void forget(Session session) {
        for (String streamId : new ArrayList<>(session.publishedStreamIds())) {
            cluster.releaseStream(claim(session, streamId));
            directory.removeStreamOwner(session.appId(), streamId, session);
            session.room().streams().remove(streamId);
        }
        session.publishedStreamIds().clear();
        session.playingStreamIds().clear();
    }

    ErrorCode setMedia(Session session, ClientMessage.SetStreamMedia request) {
        if (!session.publishedStreamIds().contains(request.streamId())) {
            return ErrorCode.PUBLISHER_STREAM_NOT_FOUND;
        }
        Room room = session.room();
        StreamInfo updated = room.streams().get(request.streamId()).withMedia(request.audio(), request.video());
        room.streams().put(updated.streamId(), updated);
        delivery.deliver(room, new Audience.EveryoneBut(session.user().userId()),
                seq -> new ServerMessage.StreamMediaUpdate(room.roomId(), seq, updated));
        return ErrorCode.SUCCESS;
    }

    ErrorCode setExtraInfo(Session session, ClientMessage.SetStreamExtraInfo request) {
        if (!session.publishedStreamIds().contains(request.streamId())) {
            return ErrorCode.PUBLISHER_STREAM_NOT_FOUND;
        }
        String extraInfo = request.extraInfo() == null ? "" : request.extraInfo();
        Optional<ErrorCode> invalid = Validation.streamExtraInfo(extraInfo);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        Room room = session.room();
        StreamInfo updated = room.streams().get(request.streamId()).withExtraInfo(extraInfo);
        room.streams().put(updated.streamId(), updated);
        delivery.deliver(room, new Audience.EveryoneBut(session.user().userId()),
                seq -> new ServerMessage.StreamExtraInfoUpdate(room.roomId(), seq, List.of(updated)));
        return ErrorCode.SUCCESS;
    }

    /**
     * Relays negotiation for a live stream of the sender's room, only between the stream's
     * publisher and a player of it. A member becomes a player with a PLAY_REQUEST to the
     * publisher (at most {@link Limits#MAX_PLAYING_STREAMS} at once) and stops being one with a
     * HANGUP either way or when the stream ends. The publisher may only answer players.
     */
    ErrorCode relay(Session sender, ClientMessage.RelaySignal request) {
        if (!Validation.isValidStreamId(request.streamId())) {
            return ErrorCode.PLAYER_INVALID_STREAM_ID;
        }
        if (request.kind() == null || request.toUserId() == null) {
            return ErrorCode.COMMON_INVALID_FIELD;
        }
        if (request.payload() != null && request.payload().length() > Limits.MAX_SIGNAL_PAYLOAD_CHARS) {
            return ErrorCode.PLAYER_SIGNAL_TOO_LARGE;
        }
        Room room = sender.room();
        StreamInfo stream = room.streams().get(request.streamId());
        if (stream == null) {
            return ErrorCode.PLAYER_STREAM_NOT_FOUND;
        }
        if (room.mediaMode() == MediaMode.SFU) {
            return sfu.relay(sender, request, stream);
        }
        String publisherId = stream.user().userId();
        boolean fromPublisher = publisherId.equals(sender.user().userId());
        String toUserId = Normalization.nfc(request.toUserId());
        Session target = room.members().get(toUserId);
        if (target == null || target == sender || (!fromPublisher && !publisherId.equals(toUserId))) {
            return ErrorCode.PLAYER_RELAY_NOT_ALLOWED;
        }
        Session player = fromPublisher ? target : sender;
        boolean playing = player.playingStreamIds().contains(stream.streamId());
        if (request.kind() == SignalKind.PLAY_REQUEST) {
            if (fromPublisher) {
                return ErrorCode.PLAYER_RELAY_NOT_ALLOWED;
            }
            if (!playing && player.playingStreamIds().size() >= Limits.MAX_PLAYING_STREAMS) {
                return ErrorCode.PLAYER_TOO_MANY_STREAMS;
            }
            player.playingStreamIds().add(stream.streamId());
        } else if (!playing) {
            return ErrorCode.PLAYER_RELAY_NOT_ALLOWED;
        } else if (request.kind() == SignalKind.HANGUP) {
            player.playingStreamIds().remove(stream.streamId());
        }
        delivery.deliver(room, new Audience.Only(Set.of(toUserId)),
                seq -> new ServerMessage.SignalReceived(room.roomId(), seq, request.streamId(),
                        sender.user().userId(), request.kind(), request.payload()));
        return ErrorCode.SUCCESS;
    }
}
