package dev.parley.engine;

/**
 * A stream published in a room by another user. Immutable.
 *
 * @param user the publisher
 * @param streamID unique within an appID while live
 * @param extraInfo text the publisher attached, at most 1 KiB; empty when none
 * @param channel MAIN (camera) or AUX (screen)
 */
public record Stream(User user, String streamID, String extraInfo, PublishChannel channel) {
}
