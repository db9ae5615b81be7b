package dev.parley.engine;

/**
 * Which ICE candidates an engine's peer connections may use; set once in the {@link EngineProfile}
 * and applied to every connection the engine opens.
 */
public enum IceTransportPolicy {
    /**
     * Every kind: the machine's own addresses, those a STUN server sees, and TURN relays from the
     * ICE servers the room server hands out. ICE takes the best pair that works, so media goes
     * direct wherever the peers can reach each other. The default.
     */
    ALL,
    /**
     * TURN relays only: media always goes through a relay from the room server's ICE servers, and
     * the machine's own addresses are never offered to the other end. Without a relay that accepts
     * this client's credentials no connection can be made; the engine reports
     * {@code ENGINE_RELAY_REFUSED} (1001005) and keeps trying.
     */
    RELAY
}
