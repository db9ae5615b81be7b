package dev.parley.engine.internal.media;

import dev.onvoid.webrtc.RTCBundlePolicy;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCIceTransportPolicy;
import dev.parley.engine.IceTransportPolicy;
import dev.parley.protocol.IceServer;
import java.util.ArrayList;
import java.util.List;

/**
 * How a room's peer connections are configured: the ICE servers the room server gave at login (or
 * renewed since), the ICE transport policy of the engine's profile, and one bundled transport per
 * connection.
 *
 * <p>Engine loop only. One per room session.
 */
final class LinkConfiguration {
    private final IceTransportPolicy policy;
    private List<IceServer> iceServers = List.of();

    LinkConfiguration(IceTransportPolicy policy) {
        this.policy = policy;
    }

    void iceServers(List<IceServer> servers) {
        this.iceServers = List.copyOf(servers);
    }

    /** A fresh configuration for one new connection. */
    RTCConfiguration create() {
        RTCConfiguration configuration = new RTCConfiguration();
        configuration.bundlePolicy = RTCBundlePolicy.MAX_BUNDLE;
        configuration.iceTransportPolicy = policy == IceTransportPolicy.RELAY ? RTCIceTransportPolicy.RELAY
                : RTCIceTransportPolicy.ALL;
        List<RTCIceServer> servers = new ArrayList<>();
        for (IceServer s : iceServers) {
            RTCIceServer server = new RTCIceServer();
            server.urls = s.urls();
            server.username = s.username();
            server.password = s.credential();
            servers.add(server);
        }
        configuration.iceServers = servers;
        return configuration;
    }
}
