package dev.parley.server.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The settings of a Janus the server starts: ports and the TURN relay Janus takes. */
class ManagedJanusConfigTest {
    @Test
    void aTurnUrlBecomesJanusesRelaySettings() {
        assertEquals(new ManagedJanusConfig.Turn("turn.example.org", 3478, "udp", "u", "p"),
                ManagedJanusConfig.Turn.of("turn:turn.example.org", "u", "p"));
        assertEquals(new ManagedJanusConfig.Turn("10.0.0.1", 3479, "tcp", "u", "p"),
                ManagedJanusConfig.Turn.of("turn:10.0.0.1:3479?transport=tcp", "u", "p"));
        assertEquals(new ManagedJanusConfig.Turn("10.0.0.1", 3480, "udp", "u", "p"),
                ManagedJanusConfig.Turn.of("turn:10.0.0.1:3480?transport=udp", "u", "p"));
        assertEquals(new ManagedJanusConfig.Turn("relay.example.org", 5349, "tls", "u", "p"),
                ManagedJanusConfig.Turn.of("turns:relay.example.org", "u", "p"));
        assertEquals(new ManagedJanusConfig.Turn("2001:db8::1", 443, "tls", "u", "p"),
                ManagedJanusConfig.Turn.of("turns:[2001:db8::1]:443", "u", "p"));
    }

    @Test
    void theRtpPortRangeIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> ManagedJanusConfig.DEFAULT.withRtpPorts(500, 600));
        assertThrows(IllegalArgumentException.class, () -> ManagedJanusConfig.DEFAULT.withRtpPorts(30000, 20000));
        assertEquals(30000, ManagedJanusConfig.DEFAULT.withRtpPorts(30000, 30100).rtpPortMin());
    }
}
