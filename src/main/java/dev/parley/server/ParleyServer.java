package dev.parley.server;

import dev.parley.protocol.MessageCodec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.KeyManagerFactory;
import dev.parley.protocol.IceServer;
import dev.parley.server.cluster.Cluster;
import dev.parley.server.cluster.ClusterConfig;
import dev.parley.server.sfu.ManagedJanusConfig;
import dev.parley.server.sfu.MediaServer;
import dev.parley.server.sfu.MediaServerSupervisor;
import dev.parley.server.web.DebugPageServer;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Parley room server: rooms, users, streams, presence and the relay of media negotiation,
 * over WebSocket (ws, or wss from a PKCS#12 keystore).
 *
 * <p>With {@link ServerConfig#cluster()} it is one node of several sharing a Redis: each room lives
 * on one node at a time, and clients that reach another node are redirected to it.
 *
 * <p>Lifecycle: {@link #start(ServerConfig)} binds and returns once the server accepts
 * connections; {@link #close()} tells connected clients it is going away (and, with other nodes,
 * releases its rooms first and says which node to go to) and releases the port and every thread.
 * Thread-safe.
 */
public final class ParleyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParleyServer.class);

    private final ServerConfig config;
    private final WebSocketTransport transport;
    private final ServerCore core;
    private final Cluster cluster;
    private volatile boolean closed;
    private volatile DebugPageServer debugPage;
    private volatile MediaServerSupervisor mediaServer;
    /** How long the TURN credentials of a Janus the server starts are valid. */
    private static final java.time.Duration JANUS_TURN_LIFETIME = java.time.Duration.ofDays(365);

    private ParleyServer(ServerConfig config, Clock clock, SSLContext ssl) {
        this.config = config;
        MessageCodec codec = new MessageCodec();
        this.cluster = config.cluster() == null ? Cluster.singleNode() : Cluster.redis(config.cluster());
        this.transport = new WebSocketTransport(config, codec, clock, ssl);
        this.core = new ServerCore(config, codec, transport, clock, cluster);
        transport.core(core);
    }

    /** Starts a server and waits until it listens. */
    public static ParleyServer start(ServerConfig config) throws IOException {
        return start(config, Clock.systemUTC(), null);
    }

    /**
     * Starts a server whose debug page fills in the app {@code developmentAppId} and says it is the
     * public development app: only for an app of {@code config} whose appSign is public anyway.
     *
     * @throws IllegalArgumentException when the config has no such app, or it has no appSign
     */
    public static ParleyServer start(ServerConfig config, long developmentAppId) throws IOException {
        AppCredentials app = config.apps().get(developmentAppId);
        if (app == null || app.appSign() == null) {
            throw new IllegalArgumentException("the development app " + developmentAppId + " is not an appSign app of this config");
        }
        return start(config, Clock.systemUTC(), new DebugPageServer.DevelopmentApp(app.appId(), app.appSign()));
    }

    static ParleyServer start(ServerConfig config, Clock clock) throws IOException {
        return start(config, clock, null);
    }

    private static ParleyServer start(ServerConfig config, Clock clock, DebugPageServer.DevelopmentApp developmentApp)
            throws IOException {
        SSLContext ssl = config.tls() ? sslContext(config) : null;
        ParleyServer server = new ParleyServer(config, clock, ssl);
        if (config.media().needsMediaServer()) {
            server.startMediaServer();
        }
        server.core.start();
        server.transport.start();
        try {
            server.transport.started().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            server.close();
            throw new IOException("cannot listen on " + config.bindAddress() + ":" + config.port(),
                    e instanceof ExecutionException ? e.getCause() : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            throw new IOException("interrupted while starting", e);
        }
        if (config.cluster() != null) {
            ClusterConfig cluster = config.cluster();
            server.core.startCluster(cluster.publicUrl() != null ? cluster.publicUrl() : server.url());
        }
        if (config.webPort() >= 0) {
            try {
                server.debugPage = DebugPageServer.start(config.bindAddress(), config.webPort(), server.port(), ssl,
                        developmentApp);
            } catch (IOException e) {
                server.close();
                throw new IOException("cannot serve the debug page on " + config.bindAddress() + ":" + config.webPort()
                        + ": " + e.getMessage(), e);
            }
        }
        LOG.info("Parley server listening on {}", server.url());
        return server;
    }

    /** Starts (or connects to) the media server for SFU rooms; fails the start when it cannot. */
    private void startMediaServer() throws IOException {
        MediaServerSupervisor.Listener listener = new MediaServerSupervisor.Listener() {
            @Override
            public void lost(String reason) {
                core.mediaServerLost();
            }

            @Override
            public void restored(MediaServer server) {
                core.mediaServerRestored(server);
            }
        };
        MediaConfig media = config.media();
        ManagedJanusConfig managed = media.managedJanus();
        if (config.turn() != null && managed.turn() == null) {
            // Janus relays through the clients' TURN server too, with credentials of its own; Janus
            // cannot renew them, so they last a year (a restart of the server mints new ones)
            TurnConfig turn = config.turn();
            IceServer credentials = new TurnCredentials(new TurnConfig(turn.urls(), turn.secret(), JANUS_TURN_LIFETIME))
                    .mint("parley-media-server", System.currentTimeMillis());
            managed = managed.withTurn(ManagedJanusConfig.Turn.of(turn.urls().get(0), credentials.username(),
                    credentials.credential()));
        }
        try {
            mediaServer = media.externalJanus() != null
                    ? MediaServerSupervisor.connectExternal(media.externalJanus(), listener)
                    : MediaServerSupervisor.startManaged(managed, listener);
        } catch (IOException e) {
            core.shutdown();
            throw e;
        }
        core.mediaServer(mediaServer.current());
    }

    /** The media server behind SFU rooms, or null when no app has SFU rooms; for tests and status. */
    public MediaServerSupervisor mediaServer() {
        return mediaServer;
    }

    private static SSLContext sslContext(ServerConfig config) throws IOException {
        char[] password = config.keystorePassword() == null ? new char[0] : config.keystorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(config.keystore())) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load keystore " + config.keystore() + ": " + e.getMessage(), e);
        }
    }

    /** The port the server listens on; the real one when the config asked for port 0. */
    public int port() {
        return transport.getPort();
    }

    /** The URL clients connect to, such as {@code ws://127.0.0.1:7878}. */
    public String url() {
        InetSocketAddress address = transport.getAddress();
        String host = address.getAddress() != null && address.getAddress().isAnyLocalAddress()
                ? "127.0.0.1" : address.getHostString();
        return (config.tls() ? "wss://" : "ws://") + host + ":" + port();
    }

    /**
     * Every URL clients can reach the server on: {@link #url()} alone for a server bound to one
     * address; for one bound to every address ({@code 0.0.0.0} or {@code ::}), one URL per address
     * of each network interface that is up, loopback first (IPv6 link-local addresses left out).
     */
    public List<String> urls() {
        String scheme = config.tls() ? "wss://" : "ws://";
        InetSocketAddress address = transport.getAddress();
        if (address.getAddress() == null || !address.getAddress().isAnyLocalAddress()) {
            return List.of(url());
        }
        return ListenAddresses.of(address.getAddress()).stream()
                .map(a -> scheme + ListenAddresses.urlHost(a) + ":" + port()).toList();
    }

    /** The browser debug page's URL, or null when the server serves none. */
    public String webUrl() {
        DebugPageServer page = debugPage;
        return page == null ? null : page.url();
    }

    /** Every URL of the debug page, as {@link #urls()} for the server; empty when it serves none. */
    public List<String> webUrls() {
        DebugPageServer page = debugPage;
        if (page == null) {
            return List.of();
        }
        InetSocketAddress address = page.address();
        if (!address.getAddress().isAnyLocalAddress()) {
            return List.of(page.url());
        }
        String scheme = config.tls() ? "https://" : "http://";
        return ListenAddresses.of(address.getAddress()).stream()
                .map(a -> scheme + ListenAddresses.urlHost(a) + ":" + page.port() + "/").toList();
    }

    public ServerConfig config() {
        return config;
    }

    /** A consistent snapshot of what the server holds. */
    public ServerStats stats() {
        return core.query(() -> new ServerStats(core.directory().roomCount(), core.directory().sessionCount(),
                core.directory().streamCount(), transport.getConnections().size()));
    }

    /** The connections accepted that have not upgraded yet, and the bytes of request they hold. */
    public UpgradeBacklog upgradeBacklog() {
        return new UpgradeBacklog(transport.connectionsBeforeUpgrade(), transport.handshakeBytesHeld());
    }

    /** Tells clients the server is going away, closes every connection and releases the port. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        int port = port();
        DebugPageServer page = debugPage;
        if (page != null) {
            page.close();
        }
        core.shutdown();
        try {
            transport.stop(2000, "server shutting down");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.closeConnectionsBeforeUpgrade();
        cluster.close();
        MediaServerSupervisor media = mediaServer;
        if (media != null) {
            media.close();
        }
        LOG.info("Parley server on port {} stopped", port);
    }
}
