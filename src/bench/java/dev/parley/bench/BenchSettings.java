package dev.parley.bench;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's parameters, read from system properties ({@code -Dbench.users=500} and so on)
 * with the defaults of the room-server scenario. Immutable.
 *
 * @param users simulated users in the measured room ({@code bench.users})
 * @param loginsPerSecond pace at which users connect and log in ({@code bench.loginRate})
 * @param userStatusNotify whether users ask for user updates, as the engine does by default
 *                         ({@code bench.userStatusNotify})
 * @param senders users that take turns sending broadcasts ({@code bench.senders})
 * @param measuredBroadcasts broadcasts measured ({@code bench.messages})
 * @param warmupBroadcasts broadcasts sent in the measured room first and not counted ({@code bench.warmupMessages})
 * @param broadcastSpacing time between two broadcasts ({@code bench.broadcastSpacingMs})
 * @param warmupRounds times a separate warm-up room fills, broadcasts and empties before measuring
 *                     ({@code bench.warmupRounds})
 * @param warmupUsers users of each warm-up room ({@code bench.warmupUsers})
 * @param warmupRoomBroadcasts broadcasts in each warm-up room ({@code bench.warmupRoomMessages})
 * @param idleSettle how long at least the full room idles (heartbeats only) before the heap is
 *                   measured ({@code bench.idleMs}); longer if the server's per-connection timers
 *                   have not run by then
 * @param serverJvmOptions options of the server JVMs ({@code bench.serverJvm}, space separated)
 * @param client the WebSocket client of the simulated users ({@code bench.client}): {@code nio}, a
 *               minimal client on a few selector threads, or {@code jdk}, {@code java.net.http}
 * @param clientThreads selector threads of the nio client, or executor threads of the jdk client
 *                      ({@code bench.clientThreads})
 * @param httpClients for the jdk client, HTTP clients the users are spread over, one selector thread
 *                    each ({@code bench.httpClients})
 * @param servers servers to measure, in order ({@code bench.servers}: parley,baseline)
 * @param outputDirectory where the reports go ({@code bench.out})
 */
public record BenchSettings(int users, int loginsPerSecond, boolean userStatusNotify, int senders,
                            int measuredBroadcasts, int warmupBroadcasts, Duration broadcastSpacing, int warmupRounds, int warmupUsers,
                            int warmupRoomBroadcasts, Duration idleSettle, List<String> serverJvmOptions,
                            String client, int clientThreads, int httpClients, List<String> servers,
                            Path outputDirectory) {

    /** Reads the settings from system properties. */
    public static BenchSettings fromSystemProperties() {
        return new BenchSettings(
                Integer.getInteger("bench.users", 500),
                Integer.getInteger("bench.loginRate", 200),
                Boolean.parseBoolean(System.getProperty("bench.userStatusNotify", "true")),
                Integer.getInteger("bench.senders", 10),
                Integer.getInteger("bench.messages", 100),
                Integer.getInteger("bench.warmupMessages", 10),
                Duration.ofMillis(Integer.getInteger("bench.broadcastSpacingMs", 125)),
                Integer.getInteger("bench.warmupRounds", 4),
                Integer.getInteger("bench.warmupUsers", 300),
                Integer.getInteger("bench.warmupRoomMessages", 20),
                Duration.ofMillis(Integer.getInteger("bench.idleMs", 3000)),
                split(System.getProperty("bench.serverJvm", "-Xms1g -Xmx1g -XX:+UseG1GC"), " "),
                System.getProperty("bench.client", "nio"),
                Integer.getInteger("bench.clientThreads", 1),
                Integer.getInteger("bench.httpClients", 2),
                split(System.getProperty("bench.servers", "parley,baseline"), ","),
                Paths.get(System.getProperty("bench.out", "target/bench")));
    }

    /** Opens the client the settings ask for. */
    ClientSocket.Connector newConnector() throws java.io.IOException {
        return switch (client) {
            case "nio" -> new NioClientConnector(clientThreads);
            case "jdk" -> new JdkClientConnector(httpClients, clientThreads);
            default -> throw new IllegalArgumentException("bench.client must be nio or jdk: " + client);
        };
    }

    private static List<String> split(String value, String separator) {
        return Arrays.stream(value.trim().split(separator)).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The settings as an ordered map, for the JSON report. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("users", users);
        map.put("loginsPerSecond", loginsPerSecond);
        map.put("userStatusNotify", userStatusNotify);
        map.put("senders", senders);
        map.put("measuredBroadcasts", measuredBroadcasts);
        map.put("warmupBroadcasts", warmupBroadcasts);
        map.put("broadcastSpacingMs", broadcastSpacing.toMillis());
        map.put("warmupRounds", warmupRounds);
        map.put("warmupUsers", warmupUsers);
        map.put("warmupRoomBroadcasts", warmupRoomBroadcasts);
        map.put("idleSettleMs", idleSettle.toMillis());
        map.put("serverJvmOptions", serverJvmOptions);
        map.put("client", client);
        map.put("clientThreads", clientThreads);
        if (client.equals("jdk")) {
            map.put("httpClients", httpClients);
        }
        map.put("servers", servers);
        return map;
    }
}
