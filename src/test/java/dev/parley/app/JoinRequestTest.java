package dev.parley.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.app.JoinRequest.Field;
import dev.parley.protocol.Validation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The join form's rules and the stream ID each user publishes. */
class JoinRequestTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://h:1 | room | u | n | SERVER | The server must look like ws://host:port or wss://host:port (several nodes: separated by commas). (1001003)",
        "''         | room | u | n | SERVER | The server must look like ws://host:port or wss://host:port (several nodes: separated by commas). (1001003)",
        "'ws://h:1, http://h:2' | room | u | n | SERVER | The server must look like ws://host:port or wss://host:port (several nodes: separated by commas). (1001003)",
        "ws://h:1   | '   '| u | n | ROOM   | Enter a room ID. (1002001)",
        "ws://h:1   | room | '' | n | USER_ID | Enter a user ID. (1002002)",
    })
    void firstBrokenRuleSaysWhatIsWrong(String server, String room, String user, String name, Field field, String text) {
        var problem = new JoinRequest(server, room, user, name).validate().orElseThrow();
        assertEquals(field, problem.field());
        assertEquals(text, problem.error().describe());
    }

    @Test
    void lengthAndControlCharactersAreNamed() {
        assertEquals("The room ID is longer than 128 bytes. (1002001)",
                new JoinRequest("ws://h:1", "é".repeat(65), "u", "").validate().orElseThrow().error().describe());
        assertEquals("The user ID must not contain control, invisible or direction-changing characters. (1002026)",
                new JoinRequest("wss://h:1", "r", "a\u0007b", "").validate().orElseThrow().error().describe());
        assertEquals("The room ID must not contain control, invisible or direction-changing characters. (1002025)",
                new JoinRequest("wss://h:1", "r\u202e1", "u", "").validate().orElseThrow().error().describe());
        assertEquals("The name must not contain control, invisible or direction-changing characters. (1002027)",
                new JoinRequest("wss://h:1", "r", "u", "Ann\u200b").validate().orElseThrow().error().describe());
        assertEquals(Field.USER_NAME, new JoinRequest("ws://h:1", "r", "u", "x".repeat(257)).validate().orElseThrow().field());
        assertTrue(new JoinRequest(" ws://h:1 ", " r ", " u ", "").validate().isEmpty(), "surrounding blanks are trimmed");
        assertTrue(new JoinRequest("ws://a:1, wss://b:2 ws://c:3", "r", "u", "").validate().isEmpty(), "a list of nodes");
    }

    @Test
    void idsAreKeptInNfcSoBothSpellingsAreOneUserWithOneStream() {
        JoinRequest composed = new JoinRequest("ws://h:1", "caf\u00e9", "jos\u00e9", "Jos\u00e9");
        JoinRequest decomposed = new JoinRequest("ws://h:1", "cafe\u0301", "jose\u0301", "Jose\u0301");
        assertEquals(composed, decomposed);
        assertEquals("jos\u00e9", decomposed.userID());
        assertEquals(composed.streamID(), decomposed.streamID());
    }

    @Test
    void streamIdIsValidAndDistinctForLookalikeUserIds() {
        String plain = new JoinRequest("ws://h:1", "r", "alice", "").streamID();
        assertEquals("alice_main", plain);
        assertEquals("alice_screen", new JoinRequest("ws://h:1", "r", "alice", "").screenStreamID());
        String dotted = new JoinRequest("ws://h:1", "r", "a.b", "").streamID();
        String underscored = new JoinRequest("ws://h:1", "r", "a_b", "").streamID();
        assertTrue(Validation.isValidStreamId(dotted), dotted);
        assertNotEquals(dotted, underscored);
        String unicode = new JoinRequest("ws://h:1", "r", "Łukasz 😀", "").streamID();
        assertTrue(Validation.isValidStreamId(unicode), unicode);
        assertTrue(Validation.isValidStreamId(new JoinRequest("ws://h:1", "r", "x".repeat(64), "").streamID()));
    }

    @Test
    void aFreeUserIdIsNumberedAfterTheTakenOne() {
        assertEquals("alice-2", new RoomOccupancy("r", "alice", List.of("alice", "bob"), true).freeUserID());
        assertEquals("alice-3", new RoomOccupancy("r", "alice", List.of("alice", "alice-2"), true).freeUserID());
        assertEquals("alice-3", new RoomOccupancy("r", "alice-2", List.of("alice", "alice-2"), true).freeUserID());
        String longest = "\u00e9".repeat(32);
        String free = new RoomOccupancy("r", longest, List.of(longest), true).freeUserID();
        assertEquals("\u00e9".repeat(31) + "-2", free);
        assertTrue(Validation.userId(free).isEmpty(), free);
        RoomOccupancy elsewhere = new RoomOccupancy("r", "carol", List.of("alice"), true);
        assertTrue(elsewhere.taken() && !elsewhere.inThisRoom());
        assertFalse(new RoomOccupancy("r", "dave", List.of("alice"), false).taken());
    }
}
