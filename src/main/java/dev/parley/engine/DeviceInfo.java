package dev.parley.engine;

/**
 * A camera or microphone the engine can use. Immutable.
 *
 * @param deviceID stable identifier to pass to useVideoDevice or useAudioDevice
 * @param deviceName readable name
 */
public record DeviceInfo(String deviceID, String deviceName) {
    /**
     * The microphone the computer's sound settings choose. Listed first where the engine uses the
     * system's sound devices; on Linux it is the only system microphone listed, because the sound
     * server, not the engine, picks the input there.
     */
    public static final String DEFAULT_MICROPHONE_ID = "default-microphone";
}
