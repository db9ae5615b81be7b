package dev.parley.app.ui;

import dev.parley.app.DevApp;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the server a window talks to when none was given: a server already listening on the
 * default local port, or else one started embedded on that port (loopback only, development app).
 *
 * <p>Threading: {@link #locate} does network I/O; call it off the FX thread. Lifecycle: the
 * caller closes the embedded server, if any, when the app exits.
 */
public final class ServerLocator {
    private static final Logger LOG = LoggerFactory.getLogger(ServerLocator.class);
    private static final String HOST = "127.0.0.1";

    /**
     * Where the window connects.
     *
     * @param url the server's URL
     * @param embedded the server this process started, or null
     */
    public record Located(String url, ParleyServer embedded) {
    }

    private final int port;

    public ServerLocator(int port) {
        this.port = port;
    }

    public ServerLocator() {
        this(ServerConfig.DEFAULT_PORT);
    }

    public Located locate() {
        if (listening()) {
            LOG.info("using the Parley server already on {}:{}", HOST, port);
            return new Located(url(), null);
        }
        try {
            ParleyServer server = ParleyServer.start(ServerConfig.builder().bindAddress(HOST).port(port)
                    .app(DevApp.credentials()).build());
            LOG.info("started an embedded Parley server on {}", server.url());
            return new Located(server.url(), server);
        } catch (IOException e) {
            // another window may have started one a moment ago
            if (listening()) {
                return new Located(url(), null);
            }
            LOG.warn("cannot start an embedded server on port {}: {}", port, e.getMessage());
            return new Located(url(), null);
        }
    }

    private String url() {
        return "ws://" + HOST + ":" + port;
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
