package dev.parley.engine;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;

/**
 * What an engine is created with. Immutable; build one with {@link #builder(long, String)}.
 *
 * @param appID the app's ID on the server
 * @param appSign the app's appSign, or null when every login brings a token
 * @param scenario what the app is for; picks encoding presets
 * @param serverUrl the room server, {@code ws://host:port} or {@code wss://host:port}
 * @param callbackExecutor where callbacks run, such as {@code Platform::runLater}; null for an engine-owned thread
 * @param sslContext trust for wss, or null for the JVM's default
 * @param reconnectWindow how long to keep reconnecting before RECONNECT_FAILED
 * @param reconnectBackoffCap the longest wait between reconnect attempts
 * @param requestTimeout how long to wait for the server to answer a request
 * @param resyncGrace after a full re-login, how long a user or stream missing from the new roster
 *                    may take to come back before it is reported deleted
 * @param audioDevices whether to use the computer's microphones and speakers or none
 * @param iceTransportPolicy which ICE candidates connections may use: all, or TURN relays only
 * @param fallbackServerUrls more nodes of the same service, tried in turn after {@code serverUrl} when a
 *                           connection fails (a node down); empty for one server
 */
public record EngineProfile(long appID, String appSign, Scenario scenario, String serverUrl, Executor callbackExecutor,
                            SSLContext sslContext, Duration reconnectWindow, Duration reconnectBackoffCap,
                            Duration requestTimeout, Duration resyncGrace, AudioDeviceMode audioDevices,
                            IceTransportPolicy iceTransportPolicy, List<String> fallbackServerUrls) {

    public EngineProfile {
        Objects.requireNonNull(scenario, "scenario");
        requireServerUrl(serverUrl, "serverUrl");
        fallbackServerUrls = List.copyOf(Objects.requireNonNull(fallbackServerUrls, "fallbackServerUrls"));
        fallbackServerUrls.forEach(url -> requireServerUrl(url, "fallbackServerUrls"));
        requirePositive(reconnectWindow, "reconnectWindow");
        requirePositive(reconnectBackoffCap, "reconnectBackoffCap");
        requirePositive(requestTimeout, "requestTimeout");
        Objects.requireNonNull(resyncGrace, "resyncGrace");
        Objects.requireNonNull(audioDevices, "audioDevices");
        Objects.requireNonNull(iceTransportPolicy, "iceTransportPolicy");
    }

    /** {@code serverUrl} and then the fallbacks: the order a client tries them in. */
    public List<String> serverUrls() {
        List<String> all = new ArrayList<>(1 + fallbackServerUrls.size());
        all.add(serverUrl);
        all.addAll(fallbackServerUrls);
        return List.copyOf(all);
    }

    private static void requireServerUrl(String url, String name) {
        Objects.requireNonNull(url, name);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a URL: " + url, e);
        }
        if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be ws://host:port or wss://host:port: " + url);
        }
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    public static Builder builder(long appID, String serverUrl) {
        return new Builder(appID, serverUrl);
    }

    @Override
    public String toString() {
        return "EngineProfile[appID=" + appID + ", scenario=" + scenario + ", serverUrls=" + serverUrls() + "]";
    }

    /** Builds an {@link EngineProfile}; not thread-safe. */
    public static final class Builder {
        private final long appID;
        private final String serverUrl;
        private String appSign;
        private Scenario scenario = Scenario.DEFAULT;
        private Executor callbackExecutor;
        private SSLContext sslContext;
        private Duration reconnectWindow = Duration.ofMinutes(20);
        private Duration reconnectBackoffCap = Duration.ofSeconds(8);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration resyncGrace = Duration.ofSeconds(10);
        private AudioDeviceMode audioDevices = AudioDeviceMode.SYSTEM;
        private List<String> fallbackServerUrls = List.of();
        private IceTransportPolicy iceTransportPolicy = IceTransportPolicy.ALL;

        private Builder(long appID, String serverUrl) {
            this.appID = appID;
            this.serverUrl = serverUrl;
        }

        public Builder appSign(String value) {
            this.appSign = value;
            return this;
        }

        public Builder scenario(Scenario value) {
            this.scenario = value;
            return this;
        }

        public Builder callbackExecutor(Executor value) {
            this.callbackExecutor = value;
            return this;
        }

        public Builder sslContext(SSLContext value) {
            this.sslContext = value;
            return this;
        }

        public Builder reconnectWindow(Duration value) {
            this.reconnectWindow = value;
            return this;
        }

        public Builder reconnectBackoffCap(Duration value) {
            this.reconnectBackoffCap = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        public Builder resyncGrace(Duration value) {
            this.resyncGrace = value;
            return this;
        }

        /** {@link AudioDeviceMode#SYSTEM} unless set. */
        public Builder audioDevices(AudioDeviceMode value) {
            this.audioDevices = value;
            return this;
        }

        /** {@link IceTransportPolicy#ALL} unless set; {@link IceTransportPolicy#RELAY} sends all media through TURN relays. */
        public Builder iceTransportPolicy(IceTransportPolicy value) {
            this.iceTransportPolicy = value;
            return this;
        }

        /** Other nodes of the same service, tried in this order after the server URL; none unless set. */
        public Builder fallbackServerUrls(List<String> value) {
            this.fallbackServerUrls = value;
            return this;
        }

        public EngineProfile build() {
            return new EngineProfile(appID, appSign, scenario, serverUrl, callbackExecutor, sslContext,
                    reconnectWindow, reconnectBackoffCap, requestTimeout, resyncGrace, audioDevices, iceTransportPolicy,
                    fallbackServerUrls);
        }
    }
}
