package dev.parley.server;

import java.util.Set;

/**
 * Who in a room receives a push. Kept with the push in the room history so that a resumed session
 * receives exactly what it would have received.
 *
 * <p>Immutable.
 */
sealed interface Audience {
    boolean includes(Session session);

    /** Every member except one user (usually the one who caused the push). */
    record EveryoneBut(String userId) implements Audience {
        @Override
        public boolean includes(Session session) {
            return !session.user().userId().equals(userId);
        }
    }

    /** Members that asked for user updates at login, except the user the update is about. */
    record UserWatchersBut(String userId) implements Audience {
        @Override
        public boolean includes(Session session) {
            return session.userStatusNotify() && !session.user().userId().equals(userId);
        }
    }

    /** Only these users. */
    record Only(Set<String> userIds) implements Audience {
        public Only {
            userIds = Set.copyOf(userIds);
        }

        @Override
        public boolean includes(Session session) {
            return userIds.contains(session.user().userId());
        }
    }
}
