package dev.parley.app;

/**
 * Where a {@link CallSession} is: the join view shows in IDLE and JOINING, the call view in
 * IN_CALL. Immutable, as enums are.
 */
public enum CallPhase {
    /** Not in a room. */
    IDLE,
    /** Logging in. */
    JOINING,
    /** In the room, publishing and playing. */
    IN_CALL,
    /** Destroying the engine before the app exits. */
    CLOSING,
    /** The engine is destroyed; the session can do nothing more. */
    CLOSED
}
