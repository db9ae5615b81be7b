package dev.parley.server;

import dev.parley.protocol.IceServer;
import dev.parley.server.cluster.ClusterConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the room server is configured with. Immutable; build one with {@link #builder()}.
 *
 * @param bindAddress the address to listen on, such as {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port the TCP port; 0 picks a free one
 * @param apps the apps this server serves, by appID
 * @param defaultMaxMembers the member limit of a room whose first login asked for none
 * @param heartbeatInterval how often clients are told to heartbeat
 * @param presenceTimeout silence after which a user is logged out and may no longer resume
 * @param tokenWarning how long before a token expires the client is warned
 * @param iceServers STUN and TURN servers handed to clients at login
 * @param keystore a PKCS#12 keystore for wss, or null for plain ws
 * @param keystorePassword the keystore's password
 * @param requestsPerSecond sustained requests allowed on one connection
 * @param requestBurst requests allowed in a burst on one connection
 * @param floodCloseAfter refused requests in a run (each less than a second after the previous) after
 *                       which a connection is closed with 1008
 * @param historySize pushes each room keeps for clients that resume
 * @param webPort the port of the browser debug page (0 for any free port), or -1 for none
 * @param connectionLimits what a connection may hold before login, and how many one address may open
 * @param media how rooms carry media (mesh or through the media server), per app
 * @param turn TURN relays with minted credentials for every login, or null for none
 * @param cluster the Redis this node shares its rooms through with other nodes, or null for a
 *                server alone
 */
public record ServerConfig(String bindAddress, int port, Map<Long, AppCredentials> apps, int defaultMaxMembers,
                           Duration heartbeatInterval, Duration presenceTimeout, Duration tokenWarning,
                           List<IceServer> iceServers, Path keystore, String keystorePassword,
                           int requestsPerSecond, int requestBurst, int floodCloseAfter, int historySize,
                           int webPort, ConnectionLimits connectionLimits, MediaConfig media, TurnConfig turn,
                           ClusterConfig cluster) {

    /** The port a server listens on when none is given. */
    public static final int DEFAULT_PORT = 7878;

    public ServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (webPort < -1 || webPort > 65535) {
            throw new IllegalArgumentException("webPort must be -1 (none) or 0..65535: " + webPort);
        }
        Objects.requireNonNull(connectionLimits, "connectionLimits");
        Objects.requireNonNull(media, "media");
        apps = Map.copyOf(apps);
        iceServers = List.copyOf(iceServers);
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("heartbeatInterval must be positive");
        }
        if (presenceTimeout.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("presenceTimeout must be longer than heartbeatInterval");
        }
        if (defaultMaxMembers < 1 || requestsPerSecond < 1 || requestBurst < 1 || floodCloseAfter < 1 || historySize < 16) {
            throw new IllegalArgumentException("limits must be positive and historySize at least 16");
        }
    }

    public boolean tls() {
        return keystore != null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A fresh builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.bindAddress = bindAddress;
        b.port = port;
        b.apps.addAll(apps.values());
        b.defaultMaxMembers = defaultMaxMembers;
        b.heartbeatInterval = heartbeatInterval;
        b.presenceTimeout = presenceTimeout;
        b.tokenWarning = tokenWarning;
        b.iceServers.addAll(iceServers);
        b.keystore = keystore;
        b.keystorePassword = keystorePassword;
        b.requestsPerSecond = requestsPerSecond;
        b.requestBurst = requestBurst;
        b.floodCloseAfter = floodCloseAfter;
        b.historySize = historySize;
        b.webPort = webPort;
        b.connectionLimits = connectionLimits;
        b.media = media;
        b.turn = turn;
        b.cluster = cluster;
        return b;
    }

    /** Builds a {@link ServerConfig}; not thread-safe. */
    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private final List<AppCredentials> apps = new ArrayList<>();
        private int defaultMaxMembers = 50;
        private Duration heartbeatInterval = Duration.ofSeconds(5);
        private Duration presenceTimeout = Duration.ofSeconds(15);
        private Duration tokenWarning = Duration.ofSeconds(30);
        private final List<IceServer> iceServers = new ArrayList<>();
        private Path keystore;
        private String keystorePassword;
        private int requestsPerSecond = 50;
        private int requestBurst = 100;
        private int floodCloseAfter = 200;
        private int webPort = -1;
        private int historySize = 1024;
        private ConnectionLimits connectionLimits = ConnectionLimits.DEFAULT;
        private MediaConfig media = MediaConfig.MESH;
        private TurnConfig turn;
        private ClusterConfig cluster;

        public Builder bindAddress(String value) {
            this.bindAddress = value;
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder app(AppCredentials app) {
            apps.removeIf(a -> a.appId() == app.appId());
            apps.add(app);
            return this;
        }

        public Builder defaultMaxMembers(int value) {
            this.defaultMaxMembers = value;
            return this;
        }

        public Builder heartbeatInterval(Duration value) {
            this.heartbeatInterval = value;
            return this;
        }

        public Builder presenceTimeout(Duration value) {
            this.presenceTimeout = value;
            return this;
        }

        public Builder tokenWarning(Duration value) {
            this.tokenWarning = value;
            return this;
        }

        public Builder iceServer(IceServer value) {
            iceServers.add(value);
            return this;
        }

        public Builder keystore(Path path, String password) {
            this.keystore = path;
            this.keystorePassword = password;
            return this;
        }

        public Builder requestRate(int perSecond, int burst) {
            this.requestsPerSecond = perSecond;
            this.requestBurst = burst;
            return this;
        }

        public Builder floodCloseAfter(int value) {
            this.floodCloseAfter = value;
            return this;
        }

        public Builder historySize(int value) {
            this.historySize = value;
            return this;
        }

        /** Serves the browser debug page on this port (0: any free port); -1, the default, serves none. */
        public Builder webPort(int value) {
            this.webPort = value;
            return this;
        }

        public Builder connectionLimits(ConnectionLimits value) {
            this.connectionLimits = value;
            return this;
        }

        public ConnectionLimits connectionLimits() {
            return connectionLimits;
        }

        public Builder media(MediaConfig value) {
            this.media = value;
            return this;
        }

        public MediaConfig media() {
            return media;
        }

        /** TURN relays with credentials minted for each login; null for none. */
        public Builder turn(TurnConfig value) {
            this.turn = value;
            return this;
        }

        /** Shares rooms with the other nodes of this Redis; null, the default, for a server alone. */
        public Builder cluster(ClusterConfig value) {
            this.cluster = value;
            return this;
        }

        public ClusterConfig cluster() {
            return cluster;
        }

        public ServerConfig build() {
            Map<Long, AppCredentials> byId = apps.stream()
                    .collect(Collectors.toMap(AppCredentials::appId, Function.identity()));
            return new ServerConfig(bindAddress, port, byId, defaultMaxMembers, heartbeatInterval, presenceTimeout,
                    tokenWarning, iceServers, keystore, keystorePassword, requestsPerSecond, requestBurst,
                    floodCloseAfter, historySize, webPort, connectionLimits, media, turn, cluster);
        }
    }
}
