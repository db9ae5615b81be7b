package dev.parley.server;

import dev.parley.protocol.ServerMessage.Push;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The latest pushes of one room, so that a client that resumes gets what it missed.
 *
 * <p>Not thread-safe; used on the server's core thread only. Lives as long as its room.
 */
final class RoomHistory {
    private record Entry(Push push, Audience audience) {
    }

    private final int capacity;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    RoomHistory(int capacity) {
        this.capacity = capacity;
    }

    void add(Push push, Audience audience) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(new Entry(push, audience));
    }

    /**
     * The pushes after {@code lastSeq} meant for {@code session}, oldest first; empty when the
     * history no longer reaches back that far.
     */
    Optional<List<Push>> since(long lastSeq, long currentSeq, Session session) {
        if (lastSeq >= currentSeq) {
            return Optional.of(List.of());
        }
        if (entries.isEmpty() || entries.peekFirst().push().seq() > lastSeq + 1) {
            return Optional.empty();
        }
        List<Push> missed = new ArrayList<>();
        for (Entry e : entries) {
            if (e.push().seq() > lastSeq && e.audience().includes(session)) {
                missed.add(e.push());
            }
        }
        return Optional.of(missed);
    }
}
