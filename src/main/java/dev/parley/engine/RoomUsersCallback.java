package dev.parley.engine;

import java.util.List;

/** The result of {@link ParleyEngine#queryRoomUsers}; runs on the callback executor. */
@FunctionalInterface
public interface RoomUsersCallback {
    /**
     * @param errorCode 0 on success, else an {@link dev.parley.protocol.ErrorCode} value
     * @param userIDs the users in the room now, in the order they joined; empty for a room nobody
     *                is in, and on failure
     * @param userIDInUse whether the asking userID has a session anywhere in this app, so that
     *                    logging in with it would end that session (KICK_OUT); false on failure
     */
    void onRoomUsersResult(int errorCode, List<String> userIDs, boolean userIDInUse);
}
