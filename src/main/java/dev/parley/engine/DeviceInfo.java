package dev.parley.engine;

/**
 * A camera or microphone the engine can use. Immutable.
 *
 * @param deviceID stable identifier to pass to useVideoDevice or useAudioDevice
 * @param deviceName readable name
 */
public record DeviceInfo(String deviceID, String deviceName) {
}
