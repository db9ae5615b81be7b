package dev.parley.protocol;

/** The kinds of media-negotiation message the server relays between a player and a publisher. */
public enum SignalKind {
    /** The player asks the publisher to start sending (payload empty). */
    PLAY_REQUEST,
    OFFER,
    ANSWER,
    ICE_CANDIDATE,
    /** Either side ends the peer connection for this stream. */
    HANGUP
}
