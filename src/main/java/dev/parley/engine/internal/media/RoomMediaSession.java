package dev.parley.engine.internal.media;

import dev.onvoid.webrtc.RTCIceCandidate;
import dev.parley.engine.Canvas;
import dev.parley.engine.PublishChannel;
import dev.parley.engine.Stream;
import dev.parley.protocol.IceServer;
import dev.parley.protocol.MediaMode;
import dev.parley.protocol.PlayLayer;
import dev.parley.protocol.SignalKind;
import java.util.List;

/**
 * The media of one room session: the plays ({@link RemotePlays}), the route that carries this
 * client's publications to their players ({@link PublishRoute}: {@link MeshRoute} in a mesh room,
 * {@link SfuRoute} through the media server, as the login says), and their quality reports;
 * relayed negotiation messages go to the side they are for.
 *
 * <p>Engine loop only. Lives as long as its room session.
 */
final class RoomMediaSession implements RoomMedia, MediaQuality.Streams {
    private final RoomPort room;
    private final LinkConfiguration configuration;
    private final MediaQuality quality;
    private final LocalMedia media;
    private MediaMode mode = MediaMode.MESH;
    private PublishRoute route;
    private final RemotePlays plays;

    RoomMediaSession(LocalMedia media, RoomPort room) {
        this.room = room;
        this.media = media;
        this.configuration = new LinkConfiguration(media.iceTransportPolicy());
        this.quality = new MediaQuality(media.loop(), media.callbacks(), media::capturedFrames, this);
        this.route = new MeshRoute(media, room, configuration, quality::forget);
        this.plays = new RemotePlays(media, room, configuration);
    }

    @Override
    public void mediaMode(MediaMode value) {
        media.loop().confinement().check();
        plays.mediaMode(value);
        if (value == mode) {
            return;
        }
        // a room on another server may carry its media the other way: the old route's connections go
        mode = value;
        route.closeAll();
        route = value == MediaMode.SFU ? new SfuRoute(media, room, configuration, quality::forget)
                : new MeshRoute(media, room, configuration, quality::forget);
    }

    @Override
    public List<String> publishedStreamIds() {
        return room.publishedStreamIds();
    }

    @Override
    public List<? extends StatsSource> sendLinks(String streamId) {
        return route.links(streamId);
    }

    @Override
    public List<MediaQuality.PlayMeter> playing() {
        return plays.playing();
    }

    @Override
    public void iceServers(List<IceServer> servers) {
        configuration.iceServers(servers);
    }

    @Override
    public void onRoomConnected() {
        quality.start();
        plays.onRoomConnected();
    }

    @Override
    public void startPlaying(String streamId, Canvas canvas, PlayLayer layer) {
        plays.start(streamId, canvas, layer);
    }

    @Override
    public void setPlayLayer(String streamId, PlayLayer layer) {
        plays.layer(streamId, layer);
    }

    @Override
    public void stopPlaying(String streamId) {
        plays.stop(streamId);
    }

    @Override
    public void onStreamsAdded(List<Stream> streams) {
        plays.onStreamsAdded(streams);
    }

    @Override
    public void onStreamsDeleted(List<Stream> streams) {
        plays.onStreamsDeleted(streams);
    }

    @Override
    public void onPublicationLive(String streamId, PublishChannel channel, boolean resumed) {
        route.published(streamId, channel, resumed);
    }

    @Override
    public void onPublicationStopped(String streamId) {
        route.stopped(streamId);
    }

    @Override
    public void onSignal(String streamId, String fromUserId, SignalKind kind, String payload) {
        switch (kind) {
            case PLAY_REQUEST, ANSWER -> route.onSignal(streamId, fromUserId, kind, payload);
            case HANGUP -> {
                if (room.registeredChannel(streamId) != null) {
                    route.onSignal(streamId, fromUserId, kind, payload);
                } else {
                    plays.onHangup(streamId, fromUserId, payload);
                }
            }
            case OFFER -> plays.onOffer(streamId, fromUserId, payload);
            case ICE_CANDIDATE -> {
                RTCIceCandidate candidate = CandidateCodec.decode(payload);
                if (!route.addCandidate(streamId, fromUserId, candidate)) {
                    plays.addCandidate(streamId, fromUserId, candidate);
                }
            }
        }
    }

    @Override
    public void close(int code) {
        quality.stop();
        route.closeAll();
        plays.close(code);
    }
}
