package dev.parley.engine;

/**
 * A broadcast message received in a room. Immutable.
 *
 * @param message the text, at most 1 KiB
 * @param messageID the ID the server gave it, rising within a room
 * @param sendTime when the server accepted it, in epoch milliseconds
 * @param fromUser the sender
 */
public record BroadcastMessageInfo(String message, long messageID, long sendTime, User fromUser) {
}
