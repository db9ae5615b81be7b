package dev.parley.server.cluster;

/** A room across nodes: its app and its room ID (in NFC). Immutable. */
public record RoomKey(long appId, String roomId) {
}
