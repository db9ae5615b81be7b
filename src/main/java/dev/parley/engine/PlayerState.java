package dev.parley.engine;

/** The state of a stream this client plays, as in {@link EventHandler#onPlayerStateUpdate}. */
public enum PlayerState {
    NO_PLAY,
    PLAY_REQUESTING,
    PLAYING
}
