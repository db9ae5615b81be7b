package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Per-address admission with a clock that moves only when told. */
class ConnectionAdmissionTest {
    private final MutableClock clock = new MutableClock(1_000_000);

    private static InetAddress address(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void pendingConnectionsAreCountedPerAddressUntilReleased() throws Exception {
        ConnectionAdmission admission = new ConnectionAdmission(2, 100, 100, clock);
        InetAddress a = address("10.0.0.1");
        ConnectionAdmission.Ticket first = admission.admit(a).ticket();
        assertNotNull(admission.admit(a).ticket());
        assertEquals(ConnectionAdmission.Refusal.TOO_MANY_PENDING, admission.admit(a).refusal());
        assertNotNull(admission.admit(address("10.0.0.2")).ticket(), "another address has its own count");
        first.release();
        first.release();
        assertEquals(1, admission.pending(a), "a second release gives back nothing more");
        assertNotNull(admission.admit(a).ticket());
    }

    @Test
    void theRateRefillsWithTime() throws Exception {
        ConnectionAdmission admission = new ConnectionAdmission(100, 2, 3, clock);
        InetAddress a = address("10.0.0.1");
        for (int i = 0; i < 3; i++) {
            admission.admit(a).ticket().release();
        }
        assertEquals(ConnectionAdmission.Refusal.TOO_FAST, admission.admit(a).refusal());
        clock.advance(Duration.ofMillis(500));
        assertNotNull(admission.admit(a).ticket());
        assertEquals(ConnectionAdmission.Refusal.TOO_FAST, admission.admit(a).refusal());
    }

    @Test
    void idleAddressesAreForgotten() throws Exception {
        ConnectionAdmission admission = new ConnectionAdmission(100, 10, 10, clock);
        for (int i = 0; i < 50; i++) {
            admission.admit(address("10.0.1." + i)).ticket().release();
        }
        assertEquals(50, admission.addressCount());
        clock.advance(Duration.ofSeconds(11));
        admission.admit(address("10.0.2.1"));
        assertEquals(1, admission.addressCount());
    }
}
