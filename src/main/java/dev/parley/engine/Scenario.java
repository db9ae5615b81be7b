package dev.parley.engine;

/** What the app is for; picks encoding presets. */
public enum Scenario {
    DEFAULT,
    STANDARD_VIDEO_CALL,
    HIGH_QUALITY_VIDEO_CALL,
    STANDARD_CHATROOM,
    BROADCAST
}
