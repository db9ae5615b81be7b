package dev.parley.protocol;

/**
 * A live stream in a room, as the server's stream registry keeps it. Immutable.
 *
 * @param streamId unique within an appID while live
 * @param user the publisher
 * @param channel MAIN (camera) or AUX (screen)
 * @param extraInfo publisher-set text, at most 1 KiB
 * @param audio whether the stream carries audio
 * @param video whether the stream carries video
 */
public record StreamInfo(String streamId, UserInfo user, PublishChannel channel, String extraInfo,
                         boolean audio, boolean video) {

    public StreamInfo withExtraInfo(String newExtraInfo) {
        return new StreamInfo(streamId, user, channel, newExtraInfo, audio, video);
    }

    public StreamInfo withMedia(boolean newAudio, boolean newVideo) {
        return new StreamInfo(streamId, user, channel, extraInfo, newAudio, newVideo);
    }
}
