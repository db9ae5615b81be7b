package dev.parley.engine.internal.room;

import dev.parley.engine.PublishChannel;
import dev.parley.engine.PublisherState;
import dev.parley.protocol.StreamInfo;
import dev.parley.protocol.UserInfo;

/**
 * A stream this client publishes on one channel, with its publisher state.
 *
 * <p>Not thread-safe; used on the engine loop only. Lives from startPublishingStream to
 * stopPublishingStream or the end of the room session.
 */
final class Publication {
    private final String streamId;
    private final PublishChannel channel;
    private String extraInfo = "";
    private PublisherState state = PublisherState.NO_PUBLISH;
    private boolean registered;
    /** Through the media server: whether it answered this publication's current offer. */
    private boolean mediaAccepted;
    /** Why the media cannot reach the players now (the code reported with PUBLISH_REQUESTING), or 0. */
    private int interruption;

    Publication(String streamId, PublishChannel channel) {
        this.streamId = streamId;
        this.channel = channel;
    }

    String streamId() {
        return streamId;
    }

    PublishChannel channel() {
        return channel;
    }

    String extraInfo() {
        return extraInfo;
    }

    void extraInfo(String value) {
        this.extraInfo = value;
    }

    PublisherState state() {
        return state;
    }

    void state(PublisherState value) {
        this.state = value;
    }

    /** Whether the server's stream registry holds this stream for this session. */
    boolean mediaAccepted() {
        return mediaAccepted;
    }

    void mediaAccepted(boolean value) {
        this.mediaAccepted = value;
    }

    int interruption() {
        return interruption;
    }

    void interruption(int code) {
        this.interruption = code;
    }

    boolean registered() {
        return registered;
    }

    void registered(boolean value) {
        this.registered = value;
    }

    StreamInfo toInfo(UserInfo user, boolean audio, boolean video) {
        return new StreamInfo(streamId, user, Conversions.wire(channel), extraInfo, audio, video);
    }
}
