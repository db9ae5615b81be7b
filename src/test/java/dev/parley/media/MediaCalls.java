package dev.parley.media;

import dev.parley.engine.Canvas;
import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PublisherState;
import dev.parley.engine.RoomStateChangedReason;
import dev.parley.engine.User;
import dev.parley.server.ParleyServer;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.EventRecorder.PublisherStateUpdate;
import dev.parley.testing.TestServers;
import java.util.function.Consumer;

/** The two halves of a test call: an engine that logs in and publishes, and one that logs in and plays. */
final class MediaCalls {
    private MediaCalls() {
    }

    /** Creates an engine, lets {@code configure} set it up, logs in and publishes; returns once PUBLISHING. */
    static ParleyEngine publisher(ParleyServer server, EventRecorder events, String roomId, String userId,
                                  String streamId, Consumer<ParleyEngine> configure) {
        ParleyEngine engine = TestServers.engine(server, events);
        configure.accept(engine);
        engine.loginRoom(roomId, new User(userId));
        events.awaitReason(RoomStateChangedReason.LOGINED);
        engine.startPublishingStream(streamId);
        events.await(PublisherStateUpdate.class, p -> p.state() == PublisherState.PUBLISHING);
        return engine;
    }

    /** Creates an engine, logs in and starts playing {@code streamId} into {@code sink}. */
    static ParleyEngine player(ParleyServer server, EventRecorder events, String roomId, String userId, String streamId,
                               FrameCounterSink sink) {
        ParleyEngine engine = TestServers.engine(server, events);
        engine.loginRoom(roomId, new User(userId));
        events.awaitReason(RoomStateChangedReason.LOGINED);
        engine.startPlayingStream(streamId, new Canvas(sink));
        return engine;
    }
}
