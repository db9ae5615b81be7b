package dev.parley.engine;

/** Stalls and recoveries of a played stream: no video or audio for over 500 ms, and its return. */
public enum PlayerMediaEvent {
    VIDEO_BREAK_OCCUR,
    VIDEO_BREAK_RESUME,
    AUDIO_BREAK_OCCUR,
    AUDIO_BREAK_RESUME
}
