package dev.parley.engine;

/**
 * One key of a room's extra info. Immutable.
 *
 * @param key the key
 * @param value the value, at most 1 KiB
 * @param updateUser who set it
 * @param updateTime when, in epoch milliseconds
 */
public record RoomExtraInfo(String key, String value, User updateUser, long updateTime) {
}
