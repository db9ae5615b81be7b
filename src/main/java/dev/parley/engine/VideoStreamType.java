package dev.parley.engine;

/**
 * Which simulcast layer of a stream a player receives. Only streams in rooms that go through the
 * media server have layers (a publisher of 720p or more sends three: full, half and quarter size);
 * in a mesh every choice plays the one stream there is.
 */
public enum VideoStreamType {
    /** The media server chooses from the player's link: the largest layer that arrives without loss. */
    DEFAULT,
    /** The smallest layer, for a small tile. */
    SMALL,
    /** The full size, for a large or focused tile. */
    BIG
}
