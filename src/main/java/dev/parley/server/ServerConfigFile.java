package dev.parley.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.parley.protocol.IceServer;
import java.io.IOException;
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
 *   "connectionsPerSecondPerAddress": 50, "connectionBurstPerAddress": 200
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ServerConfigFile {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private record App(long appId, String appSign, String serverSecret) {
    }

    private record FileContent(String bind, Integer port, List<App> apps, Integer defaultMaxMembers,
                               Long heartbeatIntervalMs, Long presenceTimeoutMs, Long tokenWarningMs,
                               List<IceServer> iceServers, String keystore, String keystorePassword,
                               Integer requestsPerSecond, Integer requestBurst, Integer floodCloseAfter,
                               Integer historySize, Long handshakeTimeoutMs, Integer maxHandshakeBytes,
                               Integer maxPendingConnectionsPerAddress, Integer connectionsPerSecondPerAddress,
                               Integer connectionBurstPerAddress) {
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
        return builder.connectionLimits(limits);
    }
}
