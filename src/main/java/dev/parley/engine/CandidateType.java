package dev.parley.engine;

/** The kind of an ICE candidate: where the address that carries a connection comes from. */
public enum CandidateType {
    /** An address of the machine itself ({@code host}). */
    HOST,
    /** The address a STUN or TURN server saw this end come from, outside its NAT ({@code srflx}). */
    SERVER_REFLEXIVE,
    /** An address the other end saw this end come from during the checks ({@code prflx}). */
    PEER_REFLEXIVE,
    /** An address on a TURN relay, which forwards the media ({@code relay}). */
    RELAY,
    /** Not known: no candidate pair has been selected yet. */
    UNKNOWN
}
