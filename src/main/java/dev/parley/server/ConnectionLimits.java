package dev.parley.server;

import java.time.Duration;

/**
 * What one connection may hold before it has logged in, and how many such connections one
 * address may open. Immutable.
 *
 * @param handshakeTimeout time from the TCP accept (including TLS) to a completed WebSocket upgrade
 * @param maxHandshakeBytes the largest upgrade request head (request line and headers) accepted
 * @param maxPendingPerAddress connections from one address that may be open without having logged in
 * @param connectionsPerSecond new connections one address may open per second, sustained
 * @param connectionBurst new connections one address may open in a burst
 */
public record ConnectionLimits(Duration handshakeTimeout, int maxHandshakeBytes, int maxPendingPerAddress,
                               int connectionsPerSecond, int connectionBurst) {

    /** 5 s, 8 KiB, 100 pending, 50 connections/s with bursts of 200 per address. */
    public static final ConnectionLimits DEFAULT = new ConnectionLimits(Duration.ofSeconds(5), 8 * 1024, 100, 50, 200);

    public ConnectionLimits {
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive");
        }
        if (maxHandshakeBytes < 1024) {
            throw new IllegalArgumentException("maxHandshakeBytes must be at least 1024: " + maxHandshakeBytes);
        }
        if (maxPendingPerAddress < 1 || connectionsPerSecond < 1 || connectionBurst < 1) {
            throw new IllegalArgumentException("connection limits must be positive");
        }
    }

    public ConnectionLimits withHandshakeTimeout(Duration value) {
        return new ConnectionLimits(value, maxHandshakeBytes, maxPendingPerAddress, connectionsPerSecond, connectionBurst);
    }

    public ConnectionLimits withMaxHandshakeBytes(int value) {
        return new ConnectionLimits(handshakeTimeout, value, maxPendingPerAddress, connectionsPerSecond, connectionBurst);
    }

    public ConnectionLimits withMaxPendingPerAddress(int value) {
        return new ConnectionLimits(handshakeTimeout, maxHandshakeBytes, value, connectionsPerSecond, connectionBurst);
    }

    public ConnectionLimits withConnectionRate(int perSecond, int burst) {
        return new ConnectionLimits(handshakeTimeout, maxHandshakeBytes, maxPendingPerAddress, perSecond, burst);
    }
}
