package dev.parley.server;

import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Per-address limits on new connections: how many connections from one address may be open
 * without having logged in yet, and how fast one address may open connections (a token bucket).
 * A connection holds its place from acceptance until it logs in or closes, whichever comes first.
 *
 * <p>Thread-safe: the selector thread admits, worker and core threads release.
 */
final class ConnectionAdmission {
    /** Why a connection was not admitted. */
    enum Refusal {
        TOO_MANY_PENDING("too many connections from this address that have not logged in"),
        TOO_FAST("this address opens connections too fast");

        private final String description;

        Refusal(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    /** A connection's place, given back once with {@link #release()}. */
    final class Ticket {
        private final InetAddress address;
        private boolean released;

        private Ticket(InetAddress address) {
            this.address = address;
        }

        /** Gives the place back; later calls do nothing. */
        void release() {
            synchronized (ConnectionAdmission.this) {
                if (released) {
                    return;
                }
                released = true;
                PerAddress entry = addresses.get(address);
                if (entry != null) {
                    entry.pending--;
                }
            }
        }
    }

    /** The outcome of {@link #admit}: a ticket, or why there is none. */
    record Decision(Ticket ticket, Refusal refusal) {
    }

    private static final class PerAddress {
        private final RateLimiter rate;
        private int pending;

        private PerAddress(RateLimiter rate) {
            this.rate = rate;
        }
    }

    /** How often idle addresses are forgotten, at most. */
    private static final long PURGE_EVERY_MILLIS = 10_000;

    private final int maxPending;
    private final int perSecond;
    private final int burst;
    private final Clock clock;
    private final Map<InetAddress, PerAddress> addresses = new HashMap<>();
    private long lastPurgeMillis;

    ConnectionAdmission(int maxPendingPerAddress, int connectionsPerSecond, int connectionBurst, Clock clock) {
        this.maxPending = maxPendingPerAddress;
        this.perSecond = connectionsPerSecond;
        this.burst = connectionBurst;
        this.clock = clock;
        this.lastPurgeMillis = clock.millis();
    }

    synchronized Decision admit(InetAddress address) {
        long now = clock.millis();
        purgeIdle(now);
        PerAddress entry = addresses.computeIfAbsent(address, a -> new PerAddress(new RateLimiter(perSecond, burst, now)));
        if (entry.pending >= maxPending) {
            return new Decision(null, Refusal.TOO_MANY_PENDING);
        }
        if (!entry.rate.tryAcquire(now)) {
            return new Decision(null, Refusal.TOO_FAST);
        }
        entry.pending++;
        return new Decision(new Ticket(address), null);
    }

    /** Connections from {@code address} holding a place now; for tests. */
    synchronized int pending(InetAddress address) {
        PerAddress entry = addresses.get(address);
        return entry == null ? 0 : entry.pending;
    }

    /** Addresses remembered now; stays bounded by the addresses active in the last few seconds. */
    synchronized int addressCount() {
        return addresses.size();
    }

    private void purgeIdle(long now) {
        if (now - lastPurgeMillis < PURGE_EVERY_MILLIS) {
            return;
        }
        lastPurgeMillis = now;
        for (Iterator<PerAddress> it = addresses.values().iterator(); it.hasNext(); ) {
            PerAddress entry = it.next();
            if (entry.pending == 0 && entry.rate.isFull(now)) {
                it.remove();
            }
        }
    }
}
