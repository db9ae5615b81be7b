package dev.parley.engine;

import java.util.Objects;

/**
 * The pair of ICE candidates that carries one connection now, as the quality reports give it:
 * what kind of address each end uses. Immutable.
 *
 * @param local this end's candidate
 * @param remote the other end's candidate
 * @param relayProtocol how this end reaches its TURN relay when {@code local} is {@link CandidateType#RELAY}:
 *                      {@code "udp"}, {@code "tcp"} or {@code "tls"}; empty otherwise
 */
public record CandidatePair(CandidateType local, CandidateType remote, String relayProtocol) {
    /** No pair selected yet: the connection is still being set up, or gone. */
    public static final CandidatePair NONE = new CandidatePair(CandidateType.UNKNOWN, CandidateType.UNKNOWN, "");

    public CandidatePair {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(relayProtocol, "relayProtocol");
    }

    /** Whether the media goes through a TURN relay, at this end or the other. */
    public boolean relayed() {
        return local == CandidateType.RELAY || remote == CandidateType.RELAY;
    }
}
