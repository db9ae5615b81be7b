package dev.parley.engine.internal.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.engine.PublishChannel;
import dev.parley.engine.Stream;
import dev.parley.engine.User;
import java.util.List;
import org.junit.jupiter.api.Test;

class RosterTest {
    private static final User ANN = new User("ann");
    private static final User BEN = new User("ben");
    private static final User CAT = new User("cat");

    private static Stream stream(User u) {
        return new Stream(u, u.userID() + "-cam", "", PublishChannel.MAIN);
    }

    @Test
    void addAndRemoveReportOnlyRealChanges() {
        Roster roster = new Roster();
        assertEquals(List.of(ANN, BEN), roster.addUsers(List.of(ANN, BEN)));
        assertEquals(List.of(), roster.addUsers(List.of(ANN)), "a known user is not added twice");
        assertEquals(List.of(ANN), roster.removeUsers(List.of(ANN, CAT)), "an unknown user is not removed");
        assertEquals(List.of(BEN), roster.users());
    }

    @Test
    void resyncReportsNewAtOnceAndMissingOnlyAfterExpiry() {
        Roster roster = new Roster();
        roster.addUsers(List.of(ANN, BEN));
        roster.addStreams(List.of(stream(ANN), stream(BEN)));

        assertEquals(List.of(CAT), roster.resyncUsers(List.of(ANN, CAT)).added());
        assertEquals(List.of(), roster.resyncStreams(List.of(stream(ANN))).added());
        assertEquals(3, roster.users().size(), "ben is stale, not gone");

        assertEquals(List.of(BEN), roster.expireStaleUsers());
        assertEquals(List.of(stream(BEN)), roster.expireStaleStreams());
        assertEquals(List.of(ANN, CAT), roster.users());
    }

    @Test
    void aStaleEntryThatComesBackIsNeitherAddedNorDeleted() {
        Roster roster = new Roster();
        roster.addUsers(List.of(ANN, BEN));
        roster.resyncUsers(List.of(ANN));
        assertEquals(List.of(), roster.addUsers(List.of(BEN)), "ben came back within the grace");
        assertTrue(roster.expireStaleUsers().isEmpty());
        assertEquals(List.of(ANN, BEN), roster.users());
    }

    @Test
    void aStaleEntryDeletedMeanwhileIsReportedOnce() {
        Roster roster = new Roster();
        roster.addUsers(List.of(ANN, BEN));
        roster.resyncUsers(List.of(ANN));
        assertEquals(List.of(BEN), roster.removeUsers(List.of(BEN)));
        assertTrue(roster.expireStaleUsers().isEmpty());
    }
}
