package dev.parley.app;

import java.time.Instant;

/**
 * One line of the call's chat: a broadcast message sent or received. Immutable.
 *
 * @param fromName who sent it
 * @param text the message
 * @param time when it was sent
 * @param own whether this user sent it
 */
public record ChatMessage(String fromName, String text, Instant time, boolean own) {
}
