package dev.parley.app.ui;

import dev.parley.engine.EngineProfile;
import dev.parley.engine.EventHandler;
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
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every window test in a call stands on: the test network, a real server on port 0, the real
 * window on it ({@link WindowFixture}), and other engines in the room made through it.
 *
 * <p>Lifecycle: before each test it requires the test network. {@link #startedBeforeEachTest()}
 * then starts the server and the window; with {@link #startedByTheTest()} the test calls
 * {@link #start} itself, once what the server or the window's engine needs is there (a sound
 * server, a coturn). After each test, whether it passed or failed and however far it got, the
 * other engines are destroyed (waiting for their callbacks), then the window is closed (which
 * destroys its engine), then the server, then what {@link #closeAfterServer} was given; a step
 * that fails does not keep the next ones from running, and the first failure is thrown with the
 * others suppressed.
 *
 * <p>Threading: register it with {@code @RegisterExtension}; one instance serves one test at a
 * time. Its callbacks and methods run on the test's thread, never on the FX thread: starting and
 * closing the window hand work to the FX thread through {@link dev.parley.testing.Fx} and wait for
 * it. {@link #app()} and {@link #server()} only read a field, so FX-thread code (an
 * {@code awaitFx} condition) may call them.
 */
final class WindowRoom implements BeforeEachCallback, AfterEachCallback {
    /** The room the other engines log in to. */
    static final String ROOM = "standup";

    /** A step of the teardown. */
    private interface Step {
        void run() throws Exception;
    }

    private final boolean startBeforeEachTest;
    private final List<ParleyEngine> engines = new ArrayList<>();
    private final List<AutoCloseable> afterServer = new ArrayList<>();
    private ParleyServer server;
    private WindowFixture app;

    private WindowRoom(boolean startBeforeEachTest) {
        this.startBeforeEachTest = startBeforeEachTest;
    }

    /** Starts the server and the window before each test. */
    static WindowRoom startedBeforeEachTest() {
        return new WindowRoom(true);
    }

    /** Leaves it to the test (or its {@code @BeforeEach}) to call {@link #start}. */
    static WindowRoom startedByTheTest() {
        return new WindowRoom(false);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        MediaNetwork.require();
        if (startBeforeEachTest) {
            start();
        }
    }

    /** Starts the server, then the window on it. */
    WindowFixture start() throws Exception {
        return start(UnaryOperator.identity());
    }

    /** Starts the server with {@code customize} applied to the tests' configuration, then the window on it. */
    WindowFixture start(UnaryOperator<ServerConfig.Builder> customize) throws Exception {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        server = TestServers.start(customize);
        app = new WindowFixture(server);
        return app;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        List<Throwable> failures = new ArrayList<>();
        for (ParleyEngine engine : engines) {
            run(failures, () -> Engines.destroy(engine));
        }
        engines.clear();
        if (app != null) {
            run(failures, app::close);
            app = null;
        }
        if (server != null) {
            run(failures, server::close);
            server = null;
        }
        for (AutoCloseable resource : afterServer) {
            run(failures, resource::close);
        }
        afterServer.clear();
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            if (first instanceof Exception e) {
                throw e;
            }
            throw (Error) first;
        }
    }

    private static void run(List<Throwable> failures, Step step) {
        try {
            step.run();
        } catch (Exception | Error e) {
            failures.add(e);
        }
    }

    /** The window of this test. */
    WindowFixture app() {
        if (app == null) {
            throw new IllegalStateException("the window is not started: call start() first");
        }
        return app;
    }

    /** The server of this test. */
    ParleyServer server() {
        if (server == null) {
            throw new IllegalStateException("the server is not started: call start() first");
        }
        return server;
    }

    /** Closes {@code resource} after the test, once the server is closed (a sound server, a coturn). */
    <T extends AutoCloseable> T closeAfterServer(T resource) {
        afterServer.add(resource);
        return resource;
    }

    /** An engine on this test's server, destroyed after the test before the window closes. */
    ParleyEngine engine(EventHandler handler) {
        return engine(handler, UnaryOperator.identity());
    }

    /** An engine on this test's server with {@code profile} applied to the tests' profile, destroyed after the test. */
    ParleyEngine engine(EventHandler handler, UnaryOperator<EngineProfile.Builder> profile) {
        ParleyEngine engine = ParleyEngine.createEngine(profile.apply(TestServers.profile(server().url())).build(), handler);
        engines.add(engine);
        return engine;
    }

    /** Destroys engines now (waiting for their callbacks), so the end of the test need not. */
    void destroy(ParleyEngine... toDestroy) {
        Engines.destroy(toDestroy);
        engines.removeAll(Arrays.asList(toDestroy));
    }

    /** An engine that {@code configure} sets up and that logs in to {@link #ROOM} as {@code user}; returns once LOGINED. */
    ParleyEngine member(EventRecorder events, User user, Consumer<ParleyEngine> configure) {
        return logIn(engine(events), events, user, configure);
    }

    /** A {@link #member} that also publishes its main stream, {@code <userID>-main}; returns once PUBLISHING. */
    ParleyEngine publisher(EventRecorder events, User user, Consumer<ParleyEngine> configure) {
        return publisher(events, user, UnaryOperator.identity(), configure);
    }

    /** A publisher whose engine has {@code profile} applied to the tests' profile. */
    ParleyEngine publisher(EventRecorder events, User user, UnaryOperator<EngineProfile.Builder> profile,
                           Consumer<ParleyEngine> configure) {
        ParleyEngine engine = logIn(engine(events, profile), events, user, configure);
        engine.startPublishingStream(user.userID() + "-main");
        events.await(PublisherStateUpdate.class, p -> p.state() == PublisherState.PUBLISHING);
        return engine;
    }

    private static ParleyEngine logIn(ParleyEngine engine, EventRecorder events, User user,
                                      Consumer<ParleyEngine> configure) {
        configure.accept(engine);
        engine.loginRoom(ROOM, user);
        events.awaitReason(RoomStateChangedReason.LOGINED);
        return engine;
    }
}
