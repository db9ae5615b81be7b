package dev.parley.server;

import dev.parley.protocol.MediaMode;
import dev.parley.protocol.RoomExtraInfo;
import dev.parley.protocol.StreamInfo;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One room of one app: its members, live streams, extra info, sequence numbers and history.
 * Created on first login and dropped when the last member leaves.
 *
 * <p>Not thread-safe; used on the server's core thread only.
 */
final class Room {
    private final long appId;
    private final String roomId;
    private final int maxMembers;
    private final MediaMode mediaMode;
    private final Map<String, Session> members = new LinkedHashMap<>();
    private final Map<String, StreamInfo> streams = new LinkedHashMap<>();
    private final Map<String, RoomExtraInfo> extraInfo = new LinkedHashMap<>();
    private final RoomHistory history;
    private final SlidingWindowLimiter broadcastRate;
    private long seq;
    private long messageIds;

    Room(long appId, String roomId, int maxMembers, MediaMode mediaMode, int historySize,
         SlidingWindowLimiter broadcastRate) {
        this.appId = appId;
        this.roomId = roomId;
        this.maxMembers = maxMembers;
        this.mediaMode = mediaMode;
        this.history = new RoomHistory(historySize);
        this.broadcastRate = broadcastRate;
    }

    long appId() {
        return appId;
    }

    String roomId() {
        return roomId;
    }

    int maxMembers() {
        return maxMembers;
    }

    MediaMode mediaMode() {
        return mediaMode;
    }

    /** The key of this room's media room on the media server: unique per app and room. */
    String mediaKey() {
        return appId + "/" + roomId;
    }

    Map<String, Session> members() {
        return members;
    }

    Collection<Session> sessions() {
        return members.values();
    }

    Map<String, StreamInfo> streams() {
        return streams;
    }

    Map<String, RoomExtraInfo> extraInfo() {
        return extraInfo;
    }

    RoomHistory history() {
        return history;
    }

    SlidingWindowLimiter broadcastRate() {
        return broadcastRate;
    }

    long seq() {
        return seq;
    }

    long nextSeq() {
        return ++seq;
    }

    long nextMessageId() {
        return ++messageIds;
    }
}
