package dev.parley.protocol;

/** Which simulcast layer of a stream a player receives in an SFU room. */
public enum PlayLayer {
    /** The media server chooses from the player's link: the largest that arrives without loss. */
    DEFAULT,
    /** The smallest layer (a quarter of the published size each way). */
    SMALL,
    /** The full size. */
    BIG
}
