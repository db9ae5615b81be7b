package dev.parley.engine.internal.media;

/**
 * The engine's media as the room layer sees it: a {@link RoomMedia} per room session, and the
 * state of the local camera and microphone that published streams announce.
 *
 * <p>Thread-safe. Implemented by {@link LocalMedia}; room tests use fakes.
 */
public interface EngineMedia {
    /** The media of a new room session, which reaches its room through {@code room}. */
    RoomMedia openRoom(RoomPort room);

    /** Whether published MAIN streams carry live audio now. */
    boolean audioOn();

    /** Whether published MAIN streams carry live video now. */
    boolean videoOn();

    /** Why a screen cannot be shared in this process, or null when it can. */
    String screenUnavailableReason();
}
