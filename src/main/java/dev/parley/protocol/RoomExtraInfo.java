package dev.parley.protocol;

/**
 * One key of a room's extra info. Immutable.
 *
 * @param key at most 128 bytes
 * @param value at most 1 KiB
 * @param updateUser who set it last
 * @param updateTime when, in epoch milliseconds of the server clock
 */
public record RoomExtraInfo(String key, String value, UserInfo updateUser, long updateTime) {
}
