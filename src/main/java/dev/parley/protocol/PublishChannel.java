package dev.parley.protocol;

/** The publish channel of a stream: MAIN carries the camera, AUX the screen. */
public enum PublishChannel {
    MAIN,
    AUX
}
