package dev.parley.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DrainPlanTest {
    private static final Map<String, String> NODES = Map.of("b", "ws://b:7878", "c", "ws://c:7878", "d", "ws://d:7878");

    @Test
    void everyClientOfOneRoomIsSentToTheSameNodeWhateverOrderTheNodesCameIn() {
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("d", NODES.get("d"));
        reversed.put("c", NODES.get("c"));
        reversed.put("b", NODES.get("b"));
        for (int i = 0; i < 50; i++) {
            RoomKey room = new RoomKey(1, "room-" + i);
            assertEquals(new DrainPlan(NODES).target(room), new DrainPlan(reversed).target(room), room.toString());
        }
    }

    @Test
    void roomsAreSpreadOverTheNodesAndANodeGoingAwayMovesOnlyItsOwn() {
        DrainPlan three = new DrainPlan(NODES);
        Map<String, String> withoutD = new LinkedHashMap<>(NODES);
        withoutD.remove("d");
        DrainPlan two = new DrainPlan(withoutD);
        Set<String> used = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            RoomKey room = new RoomKey(7, "room-" + i);
            String target = three.target(room);
            used.add(target);
            if (!target.equals("ws://d:7878")) {
                assertEquals(target, two.target(room), "a room not sent to d keeps its node when d is gone");
            }
        }
        assertEquals(Set.copyOf(NODES.values()), used);
        assertTrue(!new DrainPlan(Map.of("b", "ws://b:7878")).target(new RoomKey(1, "x")).isEmpty());
        assertNull(DrainPlan.NOWHERE.target(new RoomKey(1, "x")));
    }
}
