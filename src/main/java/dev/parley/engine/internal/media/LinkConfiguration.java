package dev.parley.engine.internal.media;

import dev.onvoid.webrtc.RTCBundlePolicy;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceServer;
import dev.parley.protocol.IceServer;
import java.util.ArrayList;
import java.util.List;

/**
 * How a room's peer connections are configured: the ICE servers the room server gave at login,
 * and one bundled transport per connection.
 *
 * <p>Engine loop only. One per room session.
 */
final class LinkConfiguration {
    private List<IceServer> iceServers = List.of();

    void iceServers(List<IceServer> servers) {
        this.iceServers = List.copyOf(servers);
    }

    /** A fresh configuration for one new connection. */
    RTCConfiguration create() {
        RTCConfiguration configuration = new RTCConfiguration();
        configuration.bundlePolicy = RTCBundlePolicy.MAX_BUNDLE;
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
