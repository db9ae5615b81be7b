package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.ServerMessage.Push;
import dev.parley.protocol.UpdateType;
import dev.parley.protocol.UserInfo;
import dev.parley.server.token.TokenPrivileges;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The room history that resumed sessions catch up from. */
class RoomHistoryTest {
    private final Room room = new Room(1, "room", 10, dev.parley.protocol.MediaMode.MESH, 16, new SlidingWindowLimiter(10, 1000));

    private Session session(String userId, boolean userStatusNotify) {
        return new Session("session-" + userId, 1, new UserInfo(userId, userId), room, userStatusNotify,
                TokenPrivileges.all(), 0, new SlidingWindowLimiter(2, 1000), 0);
    }

    private static Push broadcast(long seq, String from) {
        return new ServerMessage.BroadcastReceived("room", seq, seq, new UserInfo(from, from), "m" + seq, 0);
    }

    private static List<Long> seqs(Optional<List<Push>> pushes) {
        assertTrue(pushes.isPresent(), "the history reaches back far enough");
        return pushes.get().stream().map(Push::seq).toList();
    }

    @Test
    void sinceReturnsThePushesAfterTheLastSeenOldestFirst() {
        RoomHistory history = new RoomHistory(16);
        Session alice = session("alice", true);
        for (long seq = 1; seq <= 5; seq++) {
            history.add(broadcast(seq, "bob"), new Audience.EveryoneBut("bob"));
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), seqs(history.since(0, 5, alice)));
        assertEquals(List.of(4L, 5L), seqs(history.since(3, 5, alice)));
        assertEquals(List.of(), seqs(history.since(5, 5, alice)), "nothing missed");
        assertEquals(List.of(), seqs(history.since(9, 5, alice)), "a seq from the future misses nothing");
    }

    @Test
    void aGapBeyondTheHistoryIsReportedAsEmpty() {
        RoomHistory history = new RoomHistory(16);
        Session alice = session("alice", true);
        for (long seq = 1; seq <= 20; seq++) {
            history.add(broadcast(seq, "bob"), new Audience.EveryoneBut("bob"));
        }
        // seqs 1 to 4 fell out: a client that last saw 0..3 cannot catch up
        assertTrue(history.since(0, 20, alice).isEmpty());
        assertTrue(history.since(3, 20, alice).isEmpty());
        // one that saw 4 misses 5..20, all still held
        assertEquals(16, seqs(history.since(4, 20, alice)).size());
        assertEquals(List.of(20L), seqs(history.since(19, 20, alice)));
        assertTrue(history.since(-1, 20, alice).isEmpty());
    }

    @Test
    void anEmptyHistoryCannotFillAGap() {
        RoomHistory history = new RoomHistory(16);
        assertTrue(history.since(0, 3, session("alice", true)).isEmpty());
        assertEquals(List.of(), seqs(history.since(0, 0, session("alice", true))));
    }

    @Test
    void eachSessionGetsOnlyWhatItsAudienceIncludes() {
        RoomHistory history = new RoomHistory(16);
        Session alice = session("alice", true);
        Session quiet = session("quiet", false);
        Session bob = session("bob", true);
        history.add(broadcast(1, "bob"), new Audience.EveryoneBut("bob"));
        history.add(new ServerMessage.UserUpdate("room", 2, UpdateType.ADD, List.of(new UserInfo("carol", "carol"))),
                new Audience.UserWatchersBut("carol"));
        history.add(new ServerMessage.CustomCommandReceived("room", 3, new UserInfo("bob", "bob"), "psst"),
                new Audience.Only(Set.of("alice")));
        history.add(new ServerMessage.UserUpdate("room", 4, UpdateType.DELETE, List.of(new UserInfo("alice", "alice"))),
                new Audience.UserWatchersBut("alice"));

        assertEquals(List.of(1L, 2L, 3L), seqs(history.since(0, 4, alice)), "not the update about itself");
        assertEquals(List.of(1L), seqs(history.since(0, 4, quiet)), "no user updates unasked, no others' commands");
        assertEquals(List.of(2L, 4L), seqs(history.since(0, 4, bob)), "not its own broadcast");
        assertEquals(List.of(3L), seqs(history.since(2, 4, alice)));
    }

    @Test
    void audiencesDecideByUserId() {
        Session alice = session("alice", false);
        assertTrue(new Audience.EveryoneBut("bob").includes(alice));
        assertTrue(!new Audience.EveryoneBut("alice").includes(alice));
        assertTrue(!new Audience.UserWatchersBut("bob").includes(alice), "alice did not ask for user updates");
        assertTrue(new Audience.UserWatchersBut("bob").includes(session("watcher", true)));
        assertTrue(new Audience.Only(Set.of("alice", "bob")).includes(alice));
        assertTrue(!new Audience.Only(Set.of("bob")).includes(alice));
    }
}
