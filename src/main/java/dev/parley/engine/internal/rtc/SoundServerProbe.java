package dev.parley.engine.internal.rtc;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tells, without blocking, whether a PulseAudio server (or PipeWire's PulseAudio service) is
 * reachable. webrtc-java's Linux audio module talks to one; without it, its device calls block
 * forever and the default factory aborts the process (docs/webrtc-java-0.14.md, point 6), so the
 * engine asks here before opening any audio device.
 *
 * <p>Looks where libpulse looks: {@code PULSE_SERVER} (a {@code unix:} path or a plain path; a TCP
 * server is trusted as given), then {@code $PULSE_RUNTIME_PATH/native}, {@code
 * $XDG_RUNTIME_DIR/pulse/native} and the system-wide {@code /var/run/pulse/native}. Connecting to a
 * Unix socket answers at once. Stateless; any thread.
 */
final class SoundServerProbe {
    private final Map<String, String> environment;

    SoundServerProbe(Map<String, String> environment) {
        this.environment = environment;
    }

    static SoundServerProbe ofProcess() {
        return new SoundServerProbe(System.getenv());
    }

    /** Whether audio devices can be opened here: always off Linux, where the OS audio APIs do not block. */
    boolean reachable() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            return true;
        }
        String server = environment.get("PULSE_SERVER");
        if (server != null && !server.isBlank()) {
            return reachable(server.trim());
        }
        for (Path socket : defaultSockets()) {
            if (accepts(socket)) {
                return true;
            }
        }
        return false;
    }

    private boolean reachable(String server) {
        // PULSE_SERVER may list several servers; libpulse tries them in order
        for (String entry : server.split("\\s+")) {
            String address = entry.startsWith("{") && entry.contains("}") ? entry.substring(entry.indexOf('}') + 1) : entry;
            if (address.startsWith("unix:")) {
                if (accepts(Path.of(address.substring("unix:".length())))) {
                    return true;
                }
            } else if (address.startsWith("/")) {
                if (accepts(Path.of(address))) {
                    return true;
                }
            } else if (!address.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private List<Path> defaultSockets() {
        List<Path> sockets = new ArrayList<>();
        String runtime = environment.get("PULSE_RUNTIME_PATH");
        if (runtime != null && !runtime.isBlank()) {
            sockets.add(Path.of(runtime, "native"));
        }
        String xdg = environment.get("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank()) {
            sockets.add(Path.of(xdg, "pulse", "native"));
        }
        sockets.add(Path.of("/var/run/pulse/native"));
        return sockets;
    }

    private static boolean accepts(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // non-blocking: a server that stopped accepting (a full backlog) must not hold us up
            channel.configureBlocking(false);
            return channel.connect(UnixDomainSocketAddress.of(socket)) || channel.finishConnect();
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
