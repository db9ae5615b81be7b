package dev.parley.cli;

import dev.parley.cli.ParleyCli.UsageException;
import dev.parley.protocol.IceServer;
import dev.parley.protocol.MediaMode;
import dev.parley.server.AppCredentials;
import dev.parley.server.ConnectionLimits;
import dev.parley.server.MediaConfig;
import dev.parley.server.ServerConfig;
import dev.parley.server.TurnConfig;
import dev.parley.server.cluster.ClusterConfig;
import dev.parley.server.sfu.ManagedJanusConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code parley server --check-config FILE}: checks what the configuration file does not check
 * by reading it (the keystore opens with its password and holds a certificate with its key; SFU
 * apps have their Janus) and prints what the server would run, with no secret in it. A problem is
 * a {@link UsageException}, which the command line turns into exit code 2.
 *
 * <p>Used once, on the command line's thread.
 */
final class ServerConfigCheck {
    private final PrintStream out;

    ServerConfigCheck(PrintStream out) {
        this.out = out;
    }

    void check(Path file, ServerConfig config, boolean developmentApp) {
        String certificate = config.tls() ? certificate(config) : null;
        List<String> lines = new ArrayList<>();
        lines.add("listen: " + (config.tls() ? "wss" : "ws") + "://" + config.bindAddress() + ":" + config.port()
                + (certificate == null ? "" : " with " + certificate));
        lines.add("debug page: " + (config.webPort() < 0 ? "none" : "port " + (config.webPort() == 0 ? "any" : config.webPort())));
        lines.add("apps: " + apps(config, developmentApp));
        lines.add("presence: heartbeat every " + config.heartbeatInterval().toMillis() + " ms, users removed after "
                + config.presenceTimeout().toMillis() + " ms of silence; rooms of " + config.defaultMaxMembers()
                + " members unless the first login asks otherwise");
        lines.add("ICE servers: " + iceServers(config));
        MediaConfig media = config.media();
        if (media.needsMediaServer()) {
            lines.add("media server: " + mediaServer(media));
        }
        lines.add("nodes: " + nodes(config.cluster()));
        ConnectionLimits limits = config.connectionLimits();
        lines.add("connection limits: upgrade within " + limits.handshakeTimeout().toMillis() + " ms and "
                + limits.maxHandshakeBytes() + " bytes; per address " + limits.maxPendingPerAddress()
                + " connections without a login, " + limits.connectionsPerSecond() + " new a second (bursts of "
                + limits.connectionBurst() + "); " + config.requestsPerSecond() + " requests a second per connection");
        out.println((file == null ? "The configuration" : "The configuration " + file) + " is valid; the server would run:");
        lines.forEach(line -> out.println("  " + line));
        out.flush();
    }

    private static String apps(ServerConfig config, boolean developmentApp) {
        List<Long> ids = new ArrayList<>(config.apps().keySet());
        Collections.sort(ids);
        String list = ids.stream().map(id -> {
            AppCredentials app = config.apps().get(id);
            String login = app.appSign() != null ? "appSign or token" : "token only";
            return id + " (" + config.media().modeOf(id).name().toLowerCase() + ", " + login + ")";
        }).collect(Collectors.joining(", "));
        return developmentApp ? list + ", the public development app: configure apps of your own for anything real" : list;
    }

    private static String nodes(ClusterConfig cluster) {
        if (cluster == null) {
            return "this server alone (no Redis)";
        }
        return "node " + cluster.nodeId() + " of those sharing Redis at " + cluster.redisAddress()
                + (!cluster.redisAuthenticated() ? "" : " (with a password)") + ", reached by clients at "
                + (cluster.publicUrl() != null ? cluster.publicUrl() : "the address it listens on (set --public-url)");
    }

    private static String iceServers(ServerConfig config) {
        List<String> parts = new ArrayList<>();
        for (IceServer server : config.iceServers()) {
            parts.add(String.join(" ", server.urls()) + (server.username() != null ? " (static credentials)" : ""));
        }
        TurnConfig turn = config.turn();
        if (turn != null) {
            parts.add(String.join(" ", turn.urls()) + " with credentials minted for each login, valid "
                    + turn.lifetime().toMinutes() + " min");
        }
        return parts.isEmpty() ? "none (calls work only where the two sides reach each other directly)"
                : String.join("; ", parts);
    }

    private static String mediaServer(MediaConfig media) {
        if (media.externalJanus() != null) {
            return "the Janus at " + media.externalJanus().api();
        }
        ManagedJanusConfig janus = media.managedJanus();
        StringBuilder text = new StringBuilder("Janus started by the server ('" + janus.binary() + "'), media on UDP ports "
                + janus.rtpPortMin() + "-" + janus.rtpPortMax());
        if (janus.publicAddress() != null) {
            text.append(", public address ").append(janus.publicAddress());
        }
        if (janus.mediaAddress() != null) {
            text.append(", local address ").append(janus.mediaAddress());
        }
        return text.toString();
    }

    /** Opens the keystore and describes its certificate; the server would fail the same way. */
    private static String certificate(ServerConfig config) {
        char[] password = config.keystorePassword() == null ? new char[0] : config.keystorePassword().toCharArray();
        Path path = config.keystore();
        if (!Files.isReadable(path)) {
            throw new UsageException("the keystore " + path + " cannot be read");
        }
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate cert) {
                    return "certificate " + cert.getSubjectX500Principal().getName() + ", valid until " + cert.getNotAfter()
                            .toInstant();
                }
            }
            throw new UsageException("the keystore " + path + " holds no private key with a certificate");
        } catch (IOException | GeneralSecurityException e) {
            throw new UsageException("the keystore " + path + " cannot be opened: " + e.getMessage()
                    + " (wrong password, or not PKCS#12?)");
        }
    }
}
