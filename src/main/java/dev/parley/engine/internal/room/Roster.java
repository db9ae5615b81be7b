package dev.parley.engine.internal.room;

import dev.parley.engine.Stream;
import dev.parley.engine.User;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The other users and their streams as this client knows them, so that every ADD and DELETE
 * reported to the app is a real change. After a full re-login, entries missing from the new
 * roster are held as stale for a grace period instead of being deleted at once, because their
 * owners may be logging in again too.
 *
 * <p>Not thread-safe; used on the engine loop only.
 */
final class Roster {
    /** What changed: entries to report as added and as deleted. */
    record Changes<T>(List<T> added, List<T> deleted) {
        boolean isEmpty() {
            return added.isEmpty() && deleted.isEmpty();
        }
    }

    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, Stream> streams = new LinkedHashMap<>();
    private final Set<String> staleUsers = new LinkedHashSet<>();
    private final Set<String> staleStreams = new LinkedHashSet<>();

    List<User> users() {
        return List.copyOf(users.values());
    }

    List<Stream> streams() {
        return List.copyOf(streams.values());
    }

    List<User> addUsers(Collection<User> added) {
        return add(users, staleUsers, added, User::userID);
    }

    List<User> removeUsers(Collection<User> removed) {
        return remove(users, staleUsers, removed, User::userID);
    }

    List<Stream> addStreams(Collection<Stream> added) {
        return add(streams, staleStreams, added, Stream::streamID);
    }

    List<Stream> removeStreams(Collection<Stream> removed) {
        return remove(streams, staleStreams, removed, Stream::streamID);
    }

    /** Replaces a stream's entry, for extra info updates; false if the stream is unknown. */
    boolean update(Stream stream) {
        if (!streams.containsKey(stream.streamID())) {
            return false;
        }
        streams.put(stream.streamID(), stream);
        return true;
    }

    /**
     * Takes in a full roster after a re-login: returns what is new, and marks what is missing as
     * stale. Nothing is reported deleted here; see {@link #expireStale()}.
     */
    Changes<User> resyncUsers(Collection<User> current) {
        return new Changes<>(resync(users, staleUsers, current, User::userID), List.of());
    }

    Changes<Stream> resyncStreams(Collection<Stream> current) {
        return new Changes<>(resync(streams, staleStreams, current, Stream::streamID), List.of());
    }

    /** Drops the users that stayed stale through the grace period and returns them. */
    List<User> expireStaleUsers() {
        return expire(users, staleUsers);
    }

    List<Stream> expireStaleStreams() {
        return expire(streams, staleStreams);
    }

    private static <T> List<T> add(Map<String, T> known, Set<String> stale, Collection<T> added,
                                   Function<T, String> key) {
        List<T> reallyAdded = new ArrayList<>();
        for (T item : added) {
            String id = key.apply(item);
            stale.remove(id);
            if (known.put(id, item) == null) {
                reallyAdded.add(item);
            }
        }
        return reallyAdded;
    }

    private static <T> List<T> remove(Map<String, T> known, Set<String> stale, Collection<T> removed,
                                      Function<T, String> key) {
        List<T> reallyRemoved = new ArrayList<>();
        for (T item : removed) {
            String id = key.apply(item);
            stale.remove(id);
            T was = known.remove(id);
            if (was != null) {
                reallyRemoved.add(was);
            }
        }
        return reallyRemoved;
    }

    private static <T> List<T> resync(Map<String, T> known, Set<String> stale, Collection<T> current,
                                      Function<T, String> key) {
        Set<String> present = new LinkedHashSet<>();
        for (T item : current) {
            present.add(key.apply(item));
        }
        for (String id : known.keySet()) {
            if (!present.contains(id)) {
                stale.add(id);
            }
        }
        return add(known, stale, current, key);
    }

    private static <T> List<T> expire(Map<String, T> known, Set<String> stale) {
        List<T> expired = new ArrayList<>();
        for (String id : stale) {
            T was = known.remove(id);
            if (was != null) {
                expired.add(was);
            }
        }
        stale.clear();
        return expired;
    }
}
