package dev.parley.media;

import dev.parley.engine.Canvas;
import dev.parley.engine.EngineProfile;
import dev.parley.engine.EventHandler;
import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PublisherState;
import dev.parley.engine.RoomStateChangedReason;
import dev.parley.engine.User;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import dev.parley.testing.Engines;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.EventRecorder.PublisherStateUpdate;
import dev.parley.testing.MediaNetwork;
import dev.parley.testing.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every media test stands on: the test network (a non-loopback interface), a real server on
 * port 0 started before each test, and engines made through it, which are destroyed after the test
 * before the server closes. Also the two halves of a test call: a publisher and a player.
 *
 * <p>Register it with {@code @RegisterExtension}; one instance serves one test at a time, on the
 * test's thread.
 */
final class MediaRoom implements BeforeEachCallback, AfterEachCallback {

    /** Undoes a change to the test network or machine after the test; runs before the engines go. */
    interface Cleanup {
        void run() throws Exception;
    }

    private final List<ParleyEngine> engines = new ArrayList<>();
    private final List<Cleanup> cleanups = new ArrayList<>();
    private final List<AutoCloseable> afterEngines = new ArrayList<>();
    private ParleyServer server;

    @Override
    public void beforeEach(ExtensionContext context) {
        MediaNetwork.require();
        server = TestServers.start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            for (Cleanup cleanup : cleanups) {
                cleanup.run();
            }
        } finally {
            cleanups.clear();
            Engines.destroy(engines.toArray(ParleyEngine[]::new));
            engines.clear();
            for (AutoCloseable resource : afterEngines) {
                resource.close();
            }
            afterEngines.clear();
            if (server != null) {
                server.close();
                server = null;
            }
        }
    }

    ParleyServer server() {
        return server;
    }

    /** Runs {@code cleanup} after the test, even when it fails. */
    void afterTest(Cleanup cleanup) {
        cleanups.add(cleanup);
    }

    /** Closes {@code resource} after the test, once its engines are destroyed (a sound server, say). */
    <T extends AutoCloseable> T closeAfterEngines(T resource) {
        afterEngines.add(resource);
        return resource;
    }

    /**
     * Starts another server with {@code customize} applied (for example, on the port of the one the
     * test closed), closing the current one if it is still open.
     */
    ParleyServer replaceServer(UnaryOperator<ServerConfig.Builder> customize) {
        server.close();
        server = TestServers.start(customize);
        return server;
    }

    /** An engine on this test's server, destroyed after the test. */
    ParleyEngine engine(EventHandler handler) {
        return engine(handler, UnaryOperator.identity());
    }

    /** An engine on this test's server with {@code profile} applied to the tests' profile, destroyed after the test. */
    ParleyEngine engine(EventHandler handler, UnaryOperator<EngineProfile.Builder> profile) {
        ParleyEngine engine = ParleyEngine.createEngine(profile.apply(TestServers.profile(server.url())).build(), handler);
        engines.add(engine);
        return engine;
    }

    /** Destroys engines now (waiting for their callbacks), so the end of the test need not. */
    void destroy(ParleyEngine... toDestroy) {
        Engines.destroy(toDestroy);
        engines.removeAll(java.util.Arrays.asList(toDestroy));
    }

    /** Creates an engine, lets {@code configure} set it up, logs in and publishes; returns once PUBLISHING. */
    ParleyEngine publisher(EventRecorder events, String roomId, String userId, String streamId,
                           Consumer<ParleyEngine> configure) {
        ParleyEngine engine = engine(events);
        configure.accept(engine);
        engine.loginRoom(roomId, new User(userId));
        events.awaitReason(RoomStateChangedReason.LOGINED);
        engine.startPublishingStream(streamId);
        events.await(PublisherStateUpdate.class, p -> p.state() == PublisherState.PUBLISHING);
        return engine;
    }

    /** Creates an engine, logs in and starts playing {@code streamId} into {@code sink}. */
    ParleyEngine player(EventRecorder events, String roomId, String userId, String streamId, FrameCounterSink sink) {
        ParleyEngine engine = engine(events);
        engine.loginRoom(roomId, new User(userId));
        events.awaitReason(RoomStateChangedReason.LOGINED);
        engine.startPlayingStream(streamId, new Canvas(sink));
        return engine;
    }
}
