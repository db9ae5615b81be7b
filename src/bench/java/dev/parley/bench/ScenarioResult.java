package dev.parley.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one server under test measured. Mutable while the scenario runs on the main thread, then
 * only read.
 */
final class ScenarioResult {
    final String server;
    /** Send login to login reply with the user list; null for the baseline, which has no login. */
    LatencySummary login;
    /** Start of connect to being in the room (login reply, or the open for the baseline). */
    LatencySummary join;
    double loginRate;
    int joined;
    boolean rostersConsistent;
    long heapBeforeBytes;
    long heapAfterBytes;
    int connectionsAtHeap;
    int serverThreads;
    /** Per receiver: each measured message at each user other than its sender. */
    LatencySummary fanout;
    /** Per message: the latency of its slowest receiver. */
    LatencySummary fanoutSlowest;
    long deliveriesExpected;
    long deliveriesMissing;
    long unexpectedMessages;
    long userUpdatesReceived;
    long clientErrors;
    List<String> firstErrors = List.of();
    /** Login-to-roster by join order, one summary per 100 users. */
    List<LatencySummary> loginByHundred = List.of();
    PhaseCost joinCost;
    PhaseCost broadcastCost;
    double scenarioWallMs;

    ScenarioResult(String server) {
        this.server = server;
    }

    /** Heap held per connected idle user, in bytes. */
    double heapPerUserBytes() {
        return connectionsAtHeap == 0 ? Double.NaN : (double) (heapAfterBytes - heapBeforeBytes) / connectionsAtHeap;
    }

    /** Whether the run itself went right: everyone joined, every delivery arrived, nothing failed. */
    boolean valid(int users) {
        return joined == users && deliveriesMissing == 0 && clientErrors == 0 && unexpectedMessages == 0
                && (login == null || rostersConsistent);
    }

    Map<String, Object> toMap(int users) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("valid", valid(users));
        map.put("joined", joined);
        if (login != null) {
            map.put("loginToRoster", login.toMap());
            map.put("loginToRosterByHundredJoined", loginByHundred.stream().map(LatencySummary::toMap).toList());
            map.put("rostersConsistent", rostersConsistent);
            map.put("userUpdatesReceived", userUpdatesReceived);
        }
        map.put("connectToJoined", join.toMap());
        map.put("loginRatePerSecond", round(loginRate));
        Map<String, Object> heap = new LinkedHashMap<>();
        heap.put("beforeBytes", heapBeforeBytes);
        heap.put("afterBytes", heapAfterBytes);
        heap.put("connections", connectionsAtHeap);
        heap.put("perUserBytes", round(heapPerUserBytes()));
        heap.put("perUserKiB", round(heapPerUserBytes() / 1024));
        map.put("heap", heap);
        map.put("serverThreads", serverThreads);
        map.put("fanoutPerReceiver", fanout.toMap());
        map.put("fanoutSlowestReceiverPerMessage", fanoutSlowest.toMap());
        map.put("deliveriesExpected", deliveriesExpected);
        map.put("deliveriesMissing", deliveriesMissing);
        map.put("unexpectedMessages", unexpectedMessages);
        map.put("clientErrors", clientErrors);
        map.put("firstErrors", firstErrors);
        map.put("joinPhase", joinCost.toMap());
        map.put("broadcastPhase", broadcastCost.toMap());
        map.put("scenarioWallMs", round(scenarioWallMs));
        return map;
    }

    static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 100) / 100.0;
    }
}
