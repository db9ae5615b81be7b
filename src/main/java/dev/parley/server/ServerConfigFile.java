package dev.parley.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.parley.protocol.IceServer;
import dev.parley.protocol.MediaMode;
import dev.parley.server.cluster.ClusterConfig;
import dev.parley.server.sfu.JanusEndpoint;
import dev.parley.server.sfu.ManagedJanusConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Reads a server configuration file (JSON) into a {@link ServerConfig.Builder}. Unknown keys are
 * refused so that a typo does not pass silently. Every key is optional:
 *
 * <pre>{@code
 * {
 *   "bind": "0.0.0.0", "port": 7878,
 *   "apps": [ { "appId": 1, "appSign": "...", "serverSecret": "..." } ],
 *   "defaultMaxMembers": 50,
 *   "heartbeatIntervalMs": 5000, "presenceTimeoutMs": 15000, "tokenWarningMs": 30000,
 *   "iceServers": [ { "urls": ["stun:stun.example.org:3478"] } ],
 *   "keystore": "server.p12", "keystorePassword": "...",
 *   "requestsPerSecond": 50, "requestBurst": 100, "floodCloseAfter": 200, "historySize": 1024,
 *   "handshakeTimeoutMs": 5000, "maxHandshakeBytes": 8192, "maxPendingConnectionsPerAddress": 100,
 *   "connectionsPerSecondPerAddress": 50, "connectionBurstPerAddress": 200,
 *   "media": "mesh",
 *   "janus": { "rtpPorts": "20000-40000", "publicAddress": "203.0.113.7" },
 *   "turn": { "urls": ["turn:turn.example.org:3478", "turns:turn.example.org:5349"], "secret": "...",
 *             "lifetimeSeconds": 86400 },
 *   "cluster": { "redis": "redis://10.0.0.5:6379", "nodeId": "node-a", "publicUrl": "wss://a.example.org" }
 * }
 * }</pre>
 *
 * <p>{@code media} ({@code "mesh"} or {@code "sfu"}, in any case) is the mode of every app, and
 * each entry of {@code apps} may have a {@code media} of its own. {@code janus} either names an
 * external Janus ({@code url}, {@code apiSecret}, {@code adminKey}) or says how to start one
 * ({@code binary}, {@code rtpPorts}, {@code mediaAddress}, {@code interfaces},
 * {@code publicAddress}, {@code stunServer}). {@code turn} gives every login credentials of its
 * own for those relays, minted with the secret shared with them (coturn's
 * {@code static-auth-secret}). {@code cluster} makes the server one node of several sharing that
 * Redis ({@code redis} is required there; {@code nodeId} and {@code publicUrl} are optional).
 *
 * <p>Stateless and thread-safe.
 */
public final class ServerConfigFile {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private record App(long appId, String appSign, String serverSecret, MediaMode media) {
    }

    /** TURN relays: URLs, the secret shared with them and the credentials' lifetime. */
    private record Turn(List<String> urls, String secret, Long lifetimeSeconds) {
    }

    /** The media server: {@code url} (with its secrets) for an external Janus, else how to start one. */
    private record Janus(String url, String apiSecret, String adminKey, String binary, String rtpPorts,
                         String mediaAddress, String interfaces, String publicAddress, String stunServer) {
    }

    /** Several nodes sharing one Redis: its URL, this node's ID and the URL clients reach it on. */
    private record Cluster(String redis, String nodeId, String publicUrl) {
    }

    private record FileContent(String bind, Integer port, List<App> apps, Integer defaultMaxMembers,
                               Long heartbeatIntervalMs, Long presenceTimeoutMs, Long tokenWarningMs,
                               List<IceServer> iceServers, String keystore, String keystorePassword,
                               Integer requestsPerSecond, Integer requestBurst, Integer floodCloseAfter,
                               Integer historySize, Long handshakeTimeoutMs, Integer maxHandshakeBytes,
                               Integer maxPendingConnectionsPerAddress, Integer connectionsPerSecondPerAddress,
                               Integer connectionBurstPerAddress, MediaMode media, Janus janus, Turn turn,
                               Cluster cluster) {
    }

    private ServerConfigFile() {
    }

    /** Applies the file's settings on top of {@code builder}; a relative keystore path is resolved against the file. */
    public static ServerConfig.Builder load(Path file, ServerConfig.Builder builder) throws IOException {
        FileContent c;
        try {
            c = JSON.readValue(file.toFile(), FileContent.class);
        } catch (IOException e) {
            throw new IOException("cannot read server config " + file + ": " + e.getMessage(), e);
        }
        if (c.bind() != null) {
            builder.bindAddress(c.bind());
        }
        if (c.port() != null) {
            builder.port(c.port());
        }
        if (c.apps() != null) {
            for (App app : c.apps()) {
                builder.app(new AppCredentials(app.appId(), app.appSign(), app.serverSecret()));
                if (app.media() != null) {
                    builder.media(builder.media().withAppMode(app.appId(), app.media()));
                }
            }
        }
        if (c.defaultMaxMembers() != null) {
            builder.defaultMaxMembers(c.defaultMaxMembers());
        }
        if (c.heartbeatIntervalMs() != null) {
            builder.heartbeatInterval(Duration.ofMillis(c.heartbeatIntervalMs()));
        }
        if (c.presenceTimeoutMs() != null) {
            builder.presenceTimeout(Duration.ofMillis(c.presenceTimeoutMs()));
        }
        if (c.tokenWarningMs() != null) {
            builder.tokenWarning(Duration.ofMillis(c.tokenWarningMs()));
        }
        if (c.iceServers() != null) {
            c.iceServers().forEach(builder::iceServer);
        }
        if (c.keystore() != null) {
            Path keystore = file.toAbsolutePath().getParent().resolve(c.keystore());
            builder.keystore(keystore, c.keystorePassword());
        }
        if (c.requestsPerSecond() != null || c.requestBurst() != null) {
            builder.requestRate(c.requestsPerSecond() != null ? c.requestsPerSecond() : 50,
                    c.requestBurst() != null ? c.requestBurst() : 100);
        }
        if (c.floodCloseAfter() != null) {
            builder.floodCloseAfter(c.floodCloseAfter());
        }
        if (c.historySize() != null) {
            builder.historySize(c.historySize());
        }
        ConnectionLimits limits = builder.connectionLimits();
        if (c.handshakeTimeoutMs() != null) {
            limits = limits.withHandshakeTimeout(Duration.ofMillis(c.handshakeTimeoutMs()));
        }
        if (c.maxHandshakeBytes() != null) {
            limits = limits.withMaxHandshakeBytes(c.maxHandshakeBytes());
        }
        if (c.maxPendingConnectionsPerAddress() != null) {
            limits = limits.withMaxPendingPerAddress(c.maxPendingConnectionsPerAddress());
        }
        if (c.connectionsPerSecondPerAddress() != null || c.connectionBurstPerAddress() != null) {
            limits = limits.withConnectionRate(
                    c.connectionsPerSecondPerAddress() != null ? c.connectionsPerSecondPerAddress() : limits.connectionsPerSecond(),
                    c.connectionBurstPerAddress() != null ? c.connectionBurstPerAddress() : limits.connectionBurst());
        }
        if (c.media() != null) {
            MediaConfig current = builder.media();
            builder.media(new MediaConfig(c.media(), current.appModes(), current.externalJanus(), current.managedJanus()));
        }
        if (c.janus() != null) {
            builder.media(janus(c.janus(), builder.media()));
        }
        if (c.turn() != null) {
            try {
                builder.turn(new TurnConfig(c.turn().urls() == null ? List.of() : c.turn().urls(), c.turn().secret(),
                        c.turn().lifetimeSeconds() == null ? TurnConfig.DEFAULT_LIFETIME
                                : Duration.ofSeconds(c.turn().lifetimeSeconds())));
            } catch (IllegalArgumentException e) {
                throw new IOException("turn: " + e.getMessage());
            }
        }
        if (c.cluster() != null) {
            try {
                builder.cluster(ClusterConfig.of(c.cluster().redis(), c.cluster().nodeId(), c.cluster().publicUrl()));
            } catch (IllegalArgumentException e) {
                throw new IOException("cluster: " + e.getMessage());
            }
        }
        return builder.connectionLimits(limits);
    }

    private static MediaConfig janus(Janus j, MediaConfig media) throws IOException {
        if (j.url() != null) {
            URI url;
            try {
                url = new URI(j.url());
            } catch (URISyntaxException e) {
                throw new IOException("janus.url is not a URL: " + j.url());
            }
            if (!"ws".equals(url.getScheme()) && !"wss".equals(url.getScheme())) {
                throw new IOException("janus.url must be a ws:// or wss:// URL of Janus's WebSocket API: " + j.url());
            }
            return media.withExternalJanus(new JanusEndpoint(url, null, j.apiSecret(), null, j.adminKey()));
        }
        ManagedJanusConfig managed = media.managedJanus();
        if (j.binary() != null) {
            managed = managed.withBinary(j.binary());
        }
        if (j.rtpPorts() != null) {
            int[] range = portRange(j.rtpPorts());
            managed = managed.withRtpPorts(range[0], range[1]);
        }
        if (j.mediaAddress() != null || j.interfaces() != null) {
            managed = managed.withMediaAddress(j.mediaAddress(), j.interfaces());
        }
        if (j.publicAddress() != null) {
            managed = managed.withPublicAddress(j.publicAddress());
        }
        if (j.stunServer() != null) {
            managed = managed.withStunServer(j.stunServer());
        }
        return media.withManagedJanus(managed);
    }

    /** {@code "MIN-MAX"} as two ports. */
    public static int[] portRange(String text) throws IOException {
        String[] parts = text.split("-");
        try {
            int min = Integer.parseInt(parts[0].strip());
            int max = Integer.parseInt(parts[1].strip());
            if (parts.length != 2 || min < 1024 || max > 65535 || min >= max) {
                throw new IOException("a port range must be MIN-MAX within 1024-65535: " + text);
            }
            return new int[] {min, max};
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IOException("a port range must be MIN-MAX within 1024-65535: " + text);
        }
    }
}
