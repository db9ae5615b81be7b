package dev.parley.server;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Where everything live is found: rooms by app and room ID, sessions by app and user ID, stream
 * owners by app and stream ID, and sessions by session ID. userIDs and streamIDs are unique within
 * an appID.
 *
 * <p>Not thread-safe; used on the server's core thread only.
 */
final class RoomDirectory {
    private record Key(long appId, String id) {
    }

    private final Map<Key, Room> rooms = new HashMap<>();
    private final Map<Key, Session> sessionsByUser = new HashMap<>();
    private final Map<Key, Session> streamOwners = new HashMap<>();
    private final Map<String, Session> sessionsById = new HashMap<>();

    Room room(long appId, String roomId) {
        return rooms.get(new Key(appId, roomId));
    }

    void addRoom(Room room) {
        rooms.put(new Key(room.appId(), room.roomId()), room);
    }

    void removeRoom(Room room) {
        rooms.remove(new Key(room.appId(), room.roomId()), room);
    }

    Session sessionOfUser(long appId, String userId) {
        return sessionsByUser.get(new Key(appId, userId));
    }

    Session sessionById(String sessionId) {
        return sessionId == null ? null : sessionsById.get(sessionId);
    }

    void addSession(Session session) {
        sessionsByUser.put(new Key(session.appId(), session.user().userId()), session);
        sessionsById.put(session.sessionId(), session);
    }

    void removeSession(Session session) {
        sessionsByUser.remove(new Key(session.appId(), session.user().userId()), session);
        sessionsById.remove(session.sessionId(), session);
    }

    Session streamOwner(long appId, String streamId) {
        return streamOwners.get(new Key(appId, streamId));
    }

    void setStreamOwner(long appId, String streamId, Session owner) {
        streamOwners.put(new Key(appId, streamId), owner);
    }

    void removeStreamOwner(long appId, String streamId, Session owner) {
        streamOwners.remove(new Key(appId, streamId), owner);
    }

    Collection<Session> sessions() {
        return sessionsById.values();
    }

    int roomCount() {
        return rooms.size();
    }

    int sessionCount() {
        return sessionsById.size();
    }

    int streamCount() {
        return streamOwners.size();
    }
}
