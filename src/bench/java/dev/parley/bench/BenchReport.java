package dev.parley.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the measured figures into {@code room-server.json} and {@code room-server.md}, and checks
 * them against the targets of the benchmark requirement. Immutable once built.
 */
final class BenchReport {
    static final String COMMAND = BenchPart.SERVER.command();
    static final double LOGIN_P99_TARGET_MS = 200;
    static final double FANOUT_P99_TARGET_MS = 50;
    static final double FANOUT_BASELINE_RATIO = 1.5;
    static final double HEAP_PER_USER_TARGET_BYTES = 20 * 1024;

    /** One row of the target table. */
    record Row(String metric, String parley, String baseline, String target, String met) {
        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("metric", metric);
            map.put("parley", parley);
            map.put("baseline", baseline);
            map.put("target", target);
            map.put("met", met);
            return map;
        }
    }

    private final BenchSettings settings;
    private final String clientDescription;
    private final Map<String, ScenarioResult> results;
    private final double wallSeconds;
    private final double loadBefore;
    private final Instant when = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    BenchReport(BenchSettings settings, String clientDescription, Map<String, ScenarioResult> results,
                double wallSeconds, double loadBefore) {
        this.loadBefore = loadBefore;
        this.settings = settings;
        this.clientDescription = clientDescription;
        this.results = results;
        this.wallSeconds = wallSeconds;
    }

    private ScenarioResult parley() {
        return results.get("parley");
    }

    private ScenarioResult baseline() {
        return results.get("baseline");
    }

    List<Row> targetRows() {
        ScenarioResult p = parley();
        ScenarioResult b = baseline();
        List<Row> rows = new ArrayList<>();
        if (p != null) {
            rows.add(new Row("Login-to-roster p50", ms(p.login.p50Ms()), "n/a", "-", "-"));
            rows.add(new Row("Login-to-roster p99", ms(p.login.p99Ms()), "n/a", "< 200 ms",
                    met(p.login.p99Ms() < LOGIN_P99_TARGET_MS)));
            rows.add(new Row("Fan-out p50 (per receiver)", ms(p.fanout.p50Ms()), b == null ? "n/a" : ms(b.fanout.p50Ms()),
                    "-", "-"));
            rows.add(new Row("Fan-out p99 (per receiver)", ms(p.fanout.p99Ms()), b == null ? "n/a" : ms(b.fanout.p99Ms()),
                    "< 50 ms", met(p.fanout.p99Ms() < FANOUT_P99_TARGET_MS)));
            if (b != null) {
                double ratio = p.fanout.p99Ms() / b.fanout.p99Ms();
                rows.add(new Row("Fan-out p99, Parley / baseline", fmt("%.2fx", ratio), "1.00x", "<= 1.5x",
                        met(ratio <= FANOUT_BASELINE_RATIO)));
            }
            rows.add(new Row("Server heap per idle user", kib(p.heapPerUserBytes()),
                    b == null ? "n/a" : kib(b.heapPerUserBytes()) + " (bare connection)", "<= 20 KiB",
                    met(p.heapPerUserBytes() <= HEAP_PER_USER_TARGET_BYTES)));
        } else if (b != null) {
            rows.add(new Row("Fan-out p50 (per receiver)", "n/a", ms(b.fanout.p50Ms()), "-", "-"));
            rows.add(new Row("Fan-out p99 (per receiver)", "n/a", ms(b.fanout.p99Ms()), "-", "-"));
        }
        return rows;
    }

    List<Row> detailRows() {
        ScenarioResult p = parley();
        ScenarioResult b = baseline();
        List<Row> rows = new ArrayList<>();
        rows.add(row("Run valid (all joined, no lost delivery, no error)", p, b, r -> met(r.valid(settings.users()))));
        rows.add(row("Users in the room", p, b, r -> Integer.toString(r.joined)));
        rows.add(row("Logins per second, first to last (baseline: connects)", p, b, r -> fmt("%.0f", r.loginRate)));
        rows.add(row("Login-to-roster p90 / max", p, null, r -> ms(r.login.p90Ms()) + " / " + ms(r.login.maxMs())));
        rows.add(row("Login-to-roster p50 / p99 by join order, per 100 users", p, null, r -> {
            StringBuilder sb = new StringBuilder();
            for (LatencySummary s : r.loginByHundred) {
                sb.append(sb.length() == 0 ? "" : "; ").append(fmt("%.0f/%.0f", s.p50Ms(), s.p99Ms()));
            }
            return sb + " ms";
        }));
        rows.add(row("Connect-to-joined p50 / p99", p, b, r -> ms(r.join.p50Ms()) + " / " + ms(r.join.p99Ms())));
        rows.add(row("Each login saw everyone before it", p, null, r -> met(r.rostersConsistent)));
        rows.add(row("User updates received during the join", p, null, r -> Long.toString(r.userUpdatesReceived)));
        rows.add(row("Fan-out p90 / max (per receiver)", p, b, r -> ms(r.fanout.p90Ms()) + " / " + ms(r.fanout.maxMs())));
        rows.add(row("Slowest receiver per message p50 / p99", p, b,
                r -> ms(r.fanoutSlowest.p50Ms()) + " / " + ms(r.fanoutSlowest.p99Ms())));
        rows.add(row("Deliveries missing / expected", p, b, r -> r.deliveriesMissing + " / " + r.deliveriesExpected));
        rows.add(row("Heap before / after the join", p, b, r -> kib(r.heapBeforeBytes) + " / " + kib(r.heapAfterBytes)));
        rows.add(row("Server threads with the room full", p, b, r -> Integer.toString(r.serverThreads)));
        rows.add(row("Join phase: wall / CPU server, client, softirq, other processes", p, b,
                r -> cpu(r.joinCost)));
        rows.add(row("Join phase: server GCs / client GCs", p, b, r -> gcs(r.joinCost)));
        rows.add(row("Join phase: server CPU by thread", p, b, r -> threads(r.joinCost)));
        rows.add(row("Broadcast phase: wall / CPU server, client, softirq, other processes", p, b,
                r -> cpu(r.broadcastCost)));
        rows.add(row("Broadcast phase: server GCs / client GCs", p, b, r -> gcs(r.broadcastCost)));
        rows.add(row("Broadcast phase: server CPU by thread", p, b, r -> threads(r.broadcastCost)));
        rows.add(row("Client errors", p, b, r -> Long.toString(r.clientErrors)));
        return rows;
    }

    /** Observations computed from this run's figures, for targets that were missed. */
    private List<String> notes() {
        List<String> notes = new ArrayList<>();
        ScenarioResult p = parley();
        if (p == null) {
            return notes;
        }
        if (!(p.login.p99Ms() < LOGIN_P99_TARGET_MS)) {
            String top = p.joinCost.serverCpuByThreadMs().entrySet().stream().findFirst()
                    .map(e -> e.getKey() + fmt(" (%.0f of %.0f ms)", e.getValue(), p.joinCost.serverCpuMs()))
                    .orElse("n/a");
            notes.add(fmt("Login p99 missed. During the join the clients received %d user-update pushes "
                    + "(every login is announced to everyone already in the room, n(n-1)/2 frames in all) "
                    + "against %d logins; login-to-roster p99 rose from %.0f ms for the first 100 users to %.0f ms "
                    + "for the last 100. The server thread with the most CPU in the join phase was %s.",
                    p.userUpdatesReceived, p.joined, p.loginByHundred.get(0).p99Ms(),
                    p.loginByHundred.get(p.loginByHundred.size() - 1).p99Ms(), top));
        }
        ScenarioResult b = baseline();
        if (!(p.fanout.p99Ms() < FANOUT_P99_TARGET_MS)
                || (b != null && !(p.fanout.p99Ms() <= FANOUT_BASELINE_RATIO * b.fanout.p99Ms()))) {
            notes.add(fmt("Fan-out p99 target missed: Parley %.1f ms, baseline %.1f ms; server CPU in the "
                    + "broadcast phase %.0f ms (baseline %.0f ms); other processes %.0f ms.",
                    p.fanout.p99Ms(), b == null ? Double.NaN : b.fanout.p99Ms(), p.broadcastCost.serverCpuMs(),
                    b == null ? Double.NaN : b.broadcastCost.serverCpuMs(), p.broadcastCost.otherCpuMs()));
        }
        if (!(p.heapPerUserBytes() <= HEAP_PER_USER_TARGET_BYTES)) {
            notes.add(fmt("Heap per idle user target missed: %.1f KiB per user, of which a bare "
                    + "Java-WebSocket connection accounts for %s.", p.heapPerUserBytes() / 1024,
                    b == null ? "n/a" : kib(b.heapPerUserBytes())));
        }
        return notes;
    }

    private static Row row(String metric, ScenarioResult p, ScenarioResult b,
                           java.util.function.Function<ScenarioResult, String> value) {
        return new Row(metric, p == null ? "n/a" : value.apply(p), b == null ? "n/a" : value.apply(b), "", "");
    }

    Path writeJson() throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "room-server");
        root.put("timestamp", when.toString());
        root.put("command", COMMAND);
        root.put("wallSeconds", ScenarioResult.round(wallSeconds));
        root.put("machine", machine());
        root.put("source", source());
        root.put("settings", settings.toMap());
        root.put("client", clientDescription);
        Map<String, Object> servers = new LinkedHashMap<>();
        results.forEach((name, r) -> servers.put(name, r.toMap(settings.users())));
        root.put("results", servers);
        root.put("targets", targetRows().stream().map(Row::toMap).toList());
        Path file = settings.outputDirectory().resolve("room-server.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
        return file;
    }

    Path writeMarkdown() throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Room-server benchmark\n\n");
        md.append("Run ").append(when).append(" on ").append(machineLine()).append(", in ")
                .append(fmt("%.1f", wallSeconds)).append(" s (benchmark main only); 1-minute load average ")
                .append(fmt("%.2f", loadBefore)).append(" before, ")
                .append(fmt("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
                .append(" after.\n\n");
        md.append("Command: `").append(COMMAND).append("`; source: ").append(source()).append("\n\n");
        md.append("Scenario: ").append(settings.users()).append(" users join one room at up to ")
                .append(settings.loginsPerSecond()).append(" logins/s (userStatusNotify=")
                .append(settings.userStatusNotify()).append("), idle at least ").append(settings.idleSettle().toMillis())
                .append(" ms, then ").append(settings.measuredBroadcasts()).append(" measured broadcasts (after ")
                .append(settings.warmupBroadcasts()).append(" unmeasured), one every ")
                .append(settings.broadcastSpacing().toMillis()).append(" ms, from ").append(settings.senders())
                .append(" senders in turn, each to the ").append(settings.users() - 1).append(" other users.\n\n");
        md.append("| Metric | Parley | Baseline | Target | Met? |\n|---|---|---|---|---|\n");
        for (Row r : targetRows()) {
            md.append("| ").append(r.metric()).append(" | ").append(r.parley()).append(" | ").append(r.baseline())
                    .append(" | ").append(r.target()).append(" | ").append(r.met()).append(" |\n");
        }
        md.append("\n## Details\n\n| Metric | Parley | Baseline |\n|---|---|---|\n");
        for (Row r : detailRows()) {
            md.append("| ").append(r.metric()).append(" | ").append(r.parley()).append(" | ").append(r.baseline())
                    .append(" |\n");
        }
        List<String> notes = notes();
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        List<String> errors = new ArrayList<>();
        results.values().forEach(r -> errors.addAll(r.firstErrors));
        if (!errors.isEmpty()) {
            md.append("\nFirst client errors:\n\n");
            errors.stream().distinct().limit(20).forEach(e -> md.append("- ").append(e).append('\n'));
        }
        md.append("\n## Method\n\n");
        md.append("- Each server runs alone in a child JVM (`").append(String.join(" ", settings.serverJvmOptions()))
                .append("`); the simulated users run in the benchmark JVM. Both share the same ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores.\n");
        md.append("- Users: ").append(clientDescription).append(". Not two threads per user, as Java-WebSocket "
                + "clients would take: 1000 threads on 2 cores would weigh on the server under test.\n");
        md.append("- Parley users speak the real protocol: welcome, appSign login, heartbeats every interval the "
                + "server gives. The Parley server runs its stock configuration (limits, presence timings, logging "
                + "at INFO to a file); the login asks for a member limit of 1000.\n");
        md.append("- Login-to-roster: from sending `login` to receiving `loginAccepted`, which lists the users "
                + "already in the room. Connect-to-joined also counts the TCP and WebSocket handshakes and the "
                + "welcome.\n");
        md.append("- Fan-out: each broadcast carries the sender's `System.nanoTime()`; every other user records "
                + "arrival minus that. The server allows 2 broadcasts/s per user and 10/s per room (fixed limits), "
                + "so the senders take turns at ").append(fmt("%.1f", 1000.0 / settings.broadcastSpacing().toMillis()))
                .append("/s for the room and ")
                .append(fmt("%.1f", 1000.0 / settings.broadcastSpacing().toMillis() / settings.senders()))
                .append("/s per sender. The baseline echoes each frame to every connection; the sender's own "
                        + "copy is ignored, so both count the same receivers.\n");
        md.append("- Heap per idle user: the server's used heap after `System.gc()` (least of three) with the full "
                + "room idle, minus the same with no one connected after the warm-up, divided by the connections. "
                + "Both readings wait until every connection they span is older than the server's per-connection "
                + "timers (Parley: the login deadline, a presence timeout after each open, which holds the "
                + "connection until it runs, closed or not).\n");
        md.append("- CPU: process CPU time of the server JVM and of the client JVM during the phase; softirq is "
                + "the machine's interrupt time in /proc/stat, where the kernel does most loopback TCP work; "
                + "other processes is the rest of the machine's busy time. The machine has ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, so a phase has cores x wall of CPU time in all; other processes show up as "
                        + "noise in the latencies.\n");
        md.append("- Server CPU by thread: `parley-server-core` is Parley's room thread; `WebSocketSelector-*` is "
                + "Java-WebSocket's selector thread, which does every socket read and write; `WebSocketWorker-*` "
                + "decode frames and run `onMessage`; `(JVM)` is what no Java thread accounts for (collector and "
                + "compiler threads).\n");
        md.append("- Warm-up: before measuring, ").append(settings.warmupRounds()).append(" times over, ")
                .append(settings.warmupUsers()).append(" users join a separate room at the same pace, broadcast ")
                .append(settings.warmupRoomBroadcasts()).append(" times and log out.\n");
        Path file = settings.outputDirectory().resolve("room-server.md");
        Files.writeString(file, md.toString());
        return file;
    }

    private Map<String, Object> machine() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("cores", Runtime.getRuntime().availableProcessors());
        map.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        map.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        map.put("cpu", cpuModel());
        map.put("loadAverageBefore", ScenarioResult.round(loadBefore));
        map.put("loadAverageAfter", ScenarioResult.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        return map;
    }

    /** The commit measured, and whether the working tree differed from it; "unknown" outside git. */
    private static String source() {
        String commit = git("rev-parse", "--short", "HEAD");
        if (commit.isEmpty()) {
            return "unknown";
        }
        String changes = git("status", "--porcelain", "--untracked-files=no", "--", "src/main");
        return "commit " + commit + (changes.isEmpty() ? "" : " with uncommitted changes in src/main");
    }

    private static String git(String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            return process.waitFor() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private String machineLine() {
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), Java "
                + System.getProperty("java.runtime.version");
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static String cpu(PhaseCost c) {
        return fmt("%.0f / %.0f, %.0f, %.0f, %.0f ms", c.wallMs(), c.serverCpuMs(), c.clientCpuMs(), c.interruptCpuMs(),
                c.otherCpuMs());
    }

    private static String threads(PhaseCost c) {
        StringBuilder sb = new StringBuilder();
        c.serverCpuByThreadMs().entrySet().stream().limit(5).forEach(e ->
                sb.append(sb.length() == 0 ? "" : "; ").append(e.getKey()).append(' ').append(fmt("%.0f", e.getValue())));
        return sb + " ms";
    }

    private static String gcs(PhaseCost c) {
        return fmt("%d (%d ms) / %d (%d ms)", c.serverGcCount(), c.serverGcMs(), c.clientGcCount(), c.clientGcMs());
    }

    private static String ms(double v) {
        return fmt("%.2f ms", v);
    }

    private static String kib(double bytes) {
        return fmt("%.1f KiB", bytes / 1024);
    }

    private static String met(boolean ok) {
        return ok ? "yes" : "**NO**";
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
