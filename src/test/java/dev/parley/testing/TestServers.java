package dev.parley.testing;

import dev.parley.engine.EngineProfile;
import dev.parley.engine.EventHandler;
import dev.parley.engine.ParleyEngine;
import dev.parley.server.AppCredentials;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** Real servers on loopback port 0 and engines pointed at them, with short presence timings. */
public final class TestServers {
    public static final long APP_ID = 1001;
    public static final String APP_SIGN = "app-sign-0123456789abcdef";
    public static final String SERVER_SECRET = "server-secret-0123456789abcdef";
    public static final long OTHER_APP_ID = 2002;
    public static final String OTHER_SECRET = "other-secret-0123456789abcdef";

    private TestServers() {
    }

    public static ServerConfig.Builder config() {
        return ServerConfig.builder()
                .bindAddress("127.0.0.1")
                .port(0)
                .app(new AppCredentials(APP_ID, APP_SIGN, SERVER_SECRET))
                .app(new AppCredentials(OTHER_APP_ID, null, OTHER_SECRET))
                .heartbeatInterval(Duration.ofMillis(250))
                .presenceTimeout(Duration.ofMillis(2000));
    }

    public static ParleyServer start() {
        return start(UnaryOperator.identity());
    }

    public static ParleyServer start(UnaryOperator<ServerConfig.Builder> customize) {
        try {
            return ParleyServer.start(customize.apply(config()).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static EngineProfile.Builder profile(String url) {
        return EngineProfile.builder(APP_ID, url)
                .appSign(APP_SIGN)
                .reconnectBackoffCap(Duration.ofMillis(500))
                .requestTimeout(Duration.ofSeconds(5))
                .resyncGrace(Duration.ofSeconds(3));
    }

    public static ParleyEngine engine(ParleyServer server, EventHandler handler) {
        return ParleyEngine.createEngine(profile(server.url()).build(), handler);
    }
}
