package dev.parley.bench;

import dev.parley.app.DevApp;
import dev.parley.engine.EngineProfile;
import dev.parley.engine.EventHandler;
import dev.parley.engine.IceTransportPolicy;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PublisherState;
import dev.parley.engine.RoomConfig;
import dev.parley.engine.User;
import dev.parley.engine.VideoConfig;
import dev.parley.server.MediaConfig;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** A server and the engines of a benchmark call; closing destroys every engine, then the server. */
final class BenchCall implements AutoCloseable {
    private final ParleyServer server;
    private final IceTransportPolicy policy;
    private final List<ParleyEngine> engines = new ArrayList<>();

    private BenchCall(ParleyServer server, IceTransportPolicy policy) {
        this.server = server;
        this.policy = policy;
    }

    static BenchCall start() throws Exception {
        return start(UnaryOperator.identity(), IceTransportPolicy.ALL);
    }

    /** A server with {@code customize} applied to its config, and engines with the ICE transport {@code policy}. */
    static BenchCall start(UnaryOperator<ServerConfig.Builder> customize, IceTransportPolicy policy) throws Exception {
        return new BenchCall(ParleyServer.start(customize.apply(ServerConfig.builder().bindAddress("127.0.0.1").port(0)
                .app(DevApp.credentials())).build()), policy);
    }

    /** A server whose rooms use {@code media} (a mesh, or SFU rooms on the Janus it names). */
    static BenchCall start(MediaConfig media) throws Exception {
        return start(config -> config.media(media), IceTransportPolicy.ALL);
    }

    ParleyServer server() {
        return server;
    }

    private ParleyEngine login(String room, String user, EventHandler handler) throws InterruptedException {
        ParleyEngine engine = ParleyEngine.createEngine(EngineProfile.builder(DevApp.APP_ID, server.url())
                .appSign(DevApp.APP_SIGN).iceTransportPolicy(policy).build(), handler);
        engines.add(engine);
        CountDownLatch loggedIn = new CountDownLatch(1);
        int[] code = {-1};
        engine.loginRoom(room, new User(user), RoomConfig.defaults(), (c, data) -> {
            code[0] = c;
            loggedIn.countDown();
        });
        if (!loggedIn.await(10, TimeUnit.SECONDS) || code[0] != 0) {
            throw new IllegalStateException("login of " + user + " failed: " + code[0]);
        }
        return engine;
    }

    ParleyEngine publisher(String room, String user, String streamId, VideoConfig config) throws InterruptedException {
        CountDownLatch publishing = new CountDownLatch(1);
        ParleyEngine engine = login(room, user, new EventHandler() {
            @Override
            public void onPublisherStateUpdate(String streamID, PublisherState state, int errorCode, String data) {
                if (state == PublisherState.PUBLISHING) {
                    publishing.countDown();
                }
            }
        });
        engine.setVideoConfig(config);
        engine.startPublishingStream(streamId);
        if (!publishing.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException(streamId + " is not publishing");
        }
        return engine;
    }

    ParleyEngine player(String room, String user) throws InterruptedException {
        return player(room, user, new EventHandler() { });
    }

    ParleyEngine player(String room, String user, EventHandler handler) throws InterruptedException {
        return login(room, user, handler);
    }

    @Override
    public void close() throws InterruptedException {
        CountDownLatch destroyed = new CountDownLatch(engines.size());
        engines.forEach(e -> e.destroyEngine(destroyed::countDown));
        destroyed.await(20, TimeUnit.SECONDS);
        server.close();
    }
}
