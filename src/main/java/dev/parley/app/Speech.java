package dev.parley.app;

/**
 * Whether one source of sound is speaking, from its levels as they come: speaking as soon as a
 * level reaches {@link #THRESHOLD}, and still speaking until the levels have stayed below it for
 * {@link #HOLD_MILLIS}, so that the pauses between words do not make the ring flicker.
 *
 * <p>Not thread-safe; the caller's thread only (the FX thread in the app). Times are the caller's
 * clock in milliseconds, so tests can pass their own.
 */
final class Speech {
    /** A level (0 to 100, linear in dB from -60 dBFS) at or above this is speech; the test tone measures about 70. */
    static final float THRESHOLD = 25;
    /** How long speech is held after the last level at or above the threshold. */
    static final long HOLD_MILLIS = 600;

    private boolean speaking;
    private long lastLoud;

    /** Takes a level measured at {@code nowMillis}; returns whether the source counts as speaking. */
    boolean update(float level, long nowMillis) {
        if (level >= THRESHOLD) {
            speaking = true;
            lastLoud = nowMillis;
        } else if (speaking && nowMillis - lastLoud >= HOLD_MILLIS) {
            speaking = false;
        }
        return speaking;
    }

    boolean speaking() {
        return speaking;
    }
}
