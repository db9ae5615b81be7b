package dev.parley.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns {@link ClusterBenchmark}'s figures into {@code cluster.json} and {@code cluster.md}. Immutable once built. */
final class ClusterReport {
    static final String COMMAND = BenchPart.CLUSTER.command();

    private final Map<String, Object> settings;
    private final List<ClusterBenchmark.Result> results;
    private final double wallSeconds;
    private final double loadBefore;
    private final Instant when = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    ClusterReport(Map<String, Object> settings, List<ClusterBenchmark.Result> results, double wallSeconds,
                  double loadBefore) {
        this.settings = settings;
        this.results = results;
        this.wallSeconds = wallSeconds;
        this.loadBefore = loadBefore;
    }

    Path writeJson(Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "several room-server nodes");
        root.put("when", when.toString());
        root.put("command", COMMAND);
        root.put("settings", settings);
        root.put("loadAverageBefore", loadBefore);
        root.put("wallSeconds", Math.round(wallSeconds));
        List<Map<String, Object>> setups = new ArrayList<>();
        for (ClusterBenchmark.Result r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("setup", r.name);
            m.put("nodes", r.nodes);
            m.put("joined", r.joined);
            m.put("redirected", r.redirected);
            m.put("loginsPerSecond", r.loginRate);
            m.put("loginToRoster", r.login.toMap());
            m.put("loginToRosterDirect", r.loginDirect.toMap());
            m.put("loginToRosterRedirected", r.loginRedirected.toMap());
            m.put("connectToRosterDirect", r.joinDirect.toMap());
            m.put("connectToRosterRedirected", r.joinRedirected.toMap());
            m.put("roomsWhole", r.roomsWhole);
            m.put("usersByNode", r.usersByNode);
            m.put("heapBytesPerUserByNode", r.heapPerUserByNode);
            m.put("redisBytesPerUser", r.redisBytesPerUser);
            m.put("clientErrors", r.clientErrors);
            m.put("firstErrors", r.firstErrors);
            setups.add(m);
        }
        root.put("setups", setups);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
        return file;
    }

    Path writeMarkdown(Path file) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Several room-server nodes\n\n");
        md.append(String.format(Locale.ROOT, "%s users in %s rooms at %s logins/s, logging in through either node; "
                        + "run %s, %.0f s, load average %.2f before. `%s`\n\n",
                settings.get("users"), settings.get("rooms"), settings.get("loginsPerSecond"), when, wallSeconds,
                loadBefore, COMMAND));
        md.append("| setup | joined | redirected | login-to-roster p50 / p99 | direct p50 / p99 | redirected p50 / p99 |"
                + " heap per user, by node | Redis per user | rooms whole | client errors |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (ClusterBenchmark.Result r : results) {
            StringBuilder heap = new StringBuilder();
            r.heapPerUserByNode.forEach((node, bytes) -> heap.append(heap.length() == 0 ? "" : ", ").append(node)
                    .append(": ").append(kib(bytes)).append(" (").append(r.usersByNode.get(node)).append(" users)"));
            md.append("| ").append(r.name)
                    .append(" | ").append(r.joined)
                    .append(" | ").append(r.redirected)
                    .append(" | ").append(pair(r.login))
                    .append(" | ").append(pair(r.loginDirect))
                    .append(" | ").append(r.loginRedirected.count() == 0 ? "n/a" : pair(r.loginRedirected))
                    .append(" | ").append(heap)
                    .append(" | ").append(r.redisBytesPerUser < 0 ? "n/a" : r.redisBytesPerUser + " B")
                    .append(" | ").append(r.roomsWhole ? "yes" : "NO")
                    .append(" | ").append(r.clientErrors)
                    .append(" |\n");
        }
        md.append("\n| setup | connect-to-roster, direct p50 / p99 | connect-to-roster, redirected p50 / p99 |\n");
        md.append("|---|---|---|\n");
        for (ClusterBenchmark.Result r : results) {
            md.append("| ").append(r.name).append(" | ").append(pair(r.joinDirect)).append(" | ")
                    .append(r.joinRedirected.count() == 0 ? "n/a" : pair(r.joinRedirected)).append(" |\n");
        }
        md.append("\nConnect-to-roster also counts the TCP and WebSocket handshakes and the welcome: once for a direct"
                + " login, twice for a redirected one.\n");
        md.append("\nLogin-to-roster runs from the first login sent to the login reply with the room's users; a"
                + " redirected user's includes the redirect, a new connection to the room's node and its login there."
                + " Heap per user is each node's heap after full collections with everyone in and idle, minus the same"
                + " before, over the users it holds. \"Rooms whole\": every room's login replies listed 0, 1, ..., n-1"
                + " others, so no room was split over the nodes.\n");
        for (ClusterBenchmark.Result r : results) {
            if (!r.firstErrors.isEmpty()) {
                md.append("\nFirst client errors (").append(r.name).append("): ").append(String.join("; ", r.firstErrors))
                        .append('\n');
            }
        }
        Files.writeString(file, md.toString());
        return file;
    }

    private static String pair(LatencySummary s) {
        return String.format(Locale.ROOT, "%.1f / %.1f ms", s.p50Ms(), s.p99Ms());
    }

    private static String kib(double bytes) {
        return Double.isNaN(bytes) ? "n/a" : String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
    }
}
