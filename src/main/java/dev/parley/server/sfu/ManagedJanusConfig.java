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
 */
public record ManagedJanusConfig(String binary, Path pluginsRoot, Path workFolder, int rtpPortMin, int rtpPortMax,
                                 String mediaAddress, String publicAddress, String iceInterfaces, String stunServer) {

    /** Debian's Janus, ports 20000-40000, Janus's own choice of addresses. */
    public static final ManagedJanusConfig DEFAULT = new ManagedJanusConfig("janus",
            Path.of("/usr/lib/x86_64-linux-gnu/janus"), null, 20000, 40000, null, null, null, null);

    public ManagedJanusConfig {
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(pluginsRoot, "pluginsRoot");
        if (rtpPortMin < 1024 || rtpPortMax > 65535 || rtpPortMin >= rtpPortMax) {
            throw new IllegalArgumentException("the RTP port range must be within 1024-65535: " + rtpPortMin + "-" + rtpPortMax);
        }
    }

    public ManagedJanusConfig withRtpPorts(int min, int max) {
        return new ManagedJanusConfig(binary, pluginsRoot, workFolder, min, max, mediaAddress, publicAddress, iceInterfaces,
                stunServer);
    }

    public ManagedJanusConfig withMediaAddress(String address, String interfaces) {
        return new ManagedJanusConfig(binary, pluginsRoot, workFolder, rtpPortMin, rtpPortMax, address, publicAddress,
                interfaces, stunServer);
    }

    public ManagedJanusConfig withPublicAddress(String address) {
        return new ManagedJanusConfig(binary, pluginsRoot, workFolder, rtpPortMin, rtpPortMax, mediaAddress, address,
                iceInterfaces, stunServer);
    }

    public ManagedJanusConfig withBinary(String value) {
        return new ManagedJanusConfig(value, pluginsRoot, workFolder, rtpPortMin, rtpPortMax, mediaAddress, publicAddress,
                iceInterfaces, stunServer);
    }

    public ManagedJanusConfig withStunServer(String hostPort) {
        return new ManagedJanusConfig(binary, pluginsRoot, workFolder, rtpPortMin, rtpPortMax, mediaAddress, publicAddress,
                iceInterfaces, hostPort);
    }

    public ManagedJanusConfig withWorkFolder(Path value) {
        return new ManagedJanusConfig(binary, pluginsRoot, value, rtpPortMin, rtpPortMax, mediaAddress, publicAddress,
                iceInterfaces, stunServer);
    }
}
