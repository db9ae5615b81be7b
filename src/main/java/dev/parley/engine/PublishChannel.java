package dev.parley.engine;

/** The channel a stream is published on: MAIN carries the camera and microphone, AUX the screen. */
public enum PublishChannel {
    MAIN,
    AUX
}
