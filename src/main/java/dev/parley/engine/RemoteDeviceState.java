package dev.parley.engine;

/** The state of another user's camera or microphone, as their stream announces it. */
public enum RemoteDeviceState {
    OPEN,
    /** Turned off or muted by the user. */
    MUTE,
    /** The stream carries no such track at all (for example an audio-only call). */
    DISABLE
}
