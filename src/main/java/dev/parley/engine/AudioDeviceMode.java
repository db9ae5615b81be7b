package dev.parley.engine;

/** Which audio devices an engine uses; set once in the {@link EngineProfile}. */
public enum AudioDeviceMode {
    /**
     * The computer's microphones and speakers, through its sound system (PulseAudio or PipeWire on
     * Linux). Where none can be opened, the engine falls back to {@link #HEADLESS} by itself.
     */
    SYSTEM,
    /**
     * No sound hardware is touched: the microphone is the test tone, and received audio is decoded
     * (and counted in quality) but not played. For bots, servers and tests.
     */
    HEADLESS
}
