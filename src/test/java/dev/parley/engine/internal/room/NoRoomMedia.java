package dev.parley.engine.internal.room;

import dev.parley.engine.Canvas;
import dev.parley.engine.PublishChannel;
import dev.parley.engine.Stream;
import dev.parley.engine.internal.media.EngineMedia;
import dev.parley.engine.internal.media.RoomMedia;
import dev.parley.engine.internal.media.RoomPort;
import dev.parley.protocol.IceServer;
import dev.parley.protocol.SignalKind;
import java.util.List;

/** Media that does nothing, for tests of a room session's signalling. */
final class NoRoomMedia implements EngineMedia {
    @Override
    public RoomMedia openRoom(RoomPort room) {
        return new RoomMedia() {
            @Override
            public void iceServers(List<IceServer> servers) {
            }

            @Override
            public void onRoomConnected() {
            }

            @Override
            public void mediaMode(dev.parley.protocol.MediaMode mode) {
            }

            @Override
            public void startPlaying(String streamId, Canvas canvas, dev.parley.protocol.PlayLayer layer) {
            }

            @Override
            public void setPlayLayer(String streamId, dev.parley.protocol.PlayLayer layer) {
            }

            @Override
            public void stopPlaying(String streamId) {
            }

            @Override
            public void onStreamsAdded(List<Stream> streams) {
            }

            @Override
            public void onStreamsDeleted(List<Stream> streams) {
            }

            @Override
            public void onPublicationLive(String streamId, PublishChannel channel, boolean resumed) {
            }

            @Override
            public void onPublicationStopped(String streamId) {
            }

            @Override
            public void onSignal(String streamId, String fromUserId, SignalKind kind, String payload) {
            }

            @Override
            public void close(int code) {
            }
        };
    }

    @Override
    public boolean audioOn() {
        return true;
    }

    @Override
    public boolean videoOn() {
        return true;
    }

    @Override
    public String screenUnavailableReason() {
        return null;
    }
}
