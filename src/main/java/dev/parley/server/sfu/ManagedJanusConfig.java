package dev.parley.server.sfu;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the room server runs Janus itself. Immutable.
 *
 * @param binary the Janus executable (on the PATH, or a path)
 * @param pluginsRoot the folder that holds Janus's {@code plugins}, {@code transports},
 *                    {@code events} and {@code loggers} folders
 * @param workFolder where the generated configuration and Janus's log go; a fresh temporary
 *                   folder when null
 * @param rtpPortMin the lowest UDP port for media
 * @param rtpPortMax the highest UDP port for media
 * @param mediaAddress the local address Janus offers in its candidates, or null to let Janus choose
 * @param publicAddress the public address of a 1:1 NAT in front of the host (Janus's
 *                      {@code nat_1_1_mapping}), or null
 * @param iceInterfaces a comma-separated list of the only interfaces Janus gathers on, or null
 * @param stunServer a {@code host:port} STUN server Janus uses to learn its public address, or null
 * @param turn the TURN relay Janus itself uses, or null
 */
public record ManagedJanusConfig(String binary, Path pluginsRoot, Path workFolder, int rtpPortMin, int rtpPortMax,
                                 String mediaAddress, String publicAddress, String iceInterfaces, String stunServer,
                                 Turn turn) {

    /**
     * A TURN relay for Janus's own candidates (Janus takes one).
     *
     * @param type {@code udp}, {@code tcp} or {@code tls}
     */
    public record Turn(String host, int port, String type, String username, String password) {
        /** The relay of the first TURN URL, such as {@code turn:host:3478?transport=tcp} or {@code turns:host}. */
        public static Turn of(String url, String username, String password) {
            boolean tls = url.startsWith("turns:");
            String rest = url.substring(tls ? 6 : 5);
            String type = tls ? "tls" : rest.endsWith("?transport=tcp") ? "tcp" : "udp";
            int query = rest.indexOf('?');
            String hostPort = query >= 0 ? rest.substring(0, query) : rest;
            int colon = hostPort.lastIndexOf(':');
            boolean hasPort = colon > 0 && hostPort.indexOf(']') < colon;
            String host = hasPort ? hostPort.substring(0, colon) : hostPort;
            int port = hasPort ? Integer.parseInt(hostPort.substring(colon + 1)) : tls ? 5349 : 3478;
            return new Turn(host.replace("[", "").replace("]", ""), port, type, username, password);
        }
    }

    /** Debian's Janus, ports 20000-40000, Janus's own choice of addresses. */
    public static final ManagedJanusConfig DEFAULT = new ManagedJanusConfig("janus",
            Path.of("/usr/lib/x86_64-linux-gnu/janus"), null, 20000, 40000, null, null, null, null, null);

    public ManagedJanusConfig {
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(pluginsRoot, "pluginsRoot");
        if (rtpPortMin < 1024 || rtpPortMax > 65535 || rtpPortMin >= rtpPortMax) {
            throw new IllegalArgumentException("the RTP port range must be within 1024-65535: " + rtpPortMin + "-" + rtpPortMax);
        }
    }

    public ManagedJanusConfig withRtpPorts(int min, int max) {
        return new ManagedJanusConfig(binary, pluginsRoot, workFolder, min, max, mediaAddress, publicAddress, iceInterfaces,
                stunServer, turn);
    }

    public ManagedJanusConfig withMediaAddress(String address, String interfaces) {
        return new ManagedJanusConfig(binary, pluginsRoot, workFolder, rtpPortMin, rtpPortMax, address, publicAddress,
                interfaces, stunServer, turn);
    }

    public ManagedJanusConfig withPublicAddress(String address) {
        return new ManagedJanusConfig(binary, pluginsRoot, workFolder, rtpPortMin, rtpPortMax, mediaAddress, address,
                iceInterfaces, stunServer, turn);
    }

    public ManagedJanusConfig withBinary(String value) {
        return new ManagedJanusConfig(value, pluginsRoot, workFolder, rtpPortMin, rtpPortMax, mediaAddress, publicAddress,
                iceInterfaces, stunServer, turn);
    }

    public ManagedJanusConfig withStunServer(String hostPort) {
        return new ManagedJanusConfig(binary, pluginsRoot, workFolder, rtpPortMin, rtpPortMax, mediaAddress, publicAddress,
                iceInterfaces, hostPort, turn);
    }

    public ManagedJanusConfig withWorkFolder(Path value) {
        return new ManagedJanusConfig(binary, pluginsRoot, value, rtpPortMin, rtpPortMax, mediaAddress, publicAddress,
                iceInterfaces, stunServer, turn);
    }

    public ManagedJanusConfig withTurn(Turn value) {
        return new ManagedJanusConfig(binary, pluginsRoot, workFolder, rtpPortMin, rtpPortMax, mediaAddress, publicAddress,
                iceInterfaces, stunServer, value);
    }
}
