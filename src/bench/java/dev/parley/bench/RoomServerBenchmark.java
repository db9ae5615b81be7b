package dev.parley.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The room-server benchmark: 500 simulated users join one room at up to 200 logins/s, then take
 * turns broadcasting; measured against the Parley server and, in the same run, against a bare
 * Java-WebSocket broadcast server ({@link BaselineBroadcastServer}).
 *
 * <p>Each server runs alone in a child JVM with a fixed heap; the simulated users run here. Per
 * server:
 * <ol>
 *   <li>warm-up: a few times over, a separate room fills, broadcasts and empties, so that both
 *       JVMs have compiled the paths they measure;</li>
 *   <li>heap before: the server's used heap after full collections, with no one connected and the
 *       timers of the warm-up's connections run;</li>
 *   <li>join: the measured users connect at the login pace; login-to-roster latency is the time
 *       from sending the login to receiving its reply, which carries the room's user list;</li>
 *   <li>idle: the full room idles (heartbeats only), at least until the server's per-connection
 *       timers have run, then heap after; the difference divided by the connections is the heap
 *       per idle user;</li>
 *   <li>broadcast: a few unmeasured broadcasts, then the measured ones, each carrying its send
 *       {@link System#nanoTime()}; every other user records its arrival;</li>
 *   <li>everyone logs out and the server stops.</li>
 * </ol>
 * Results go to {@code room-server.json} and {@code room-server.md} in {@code bench.out}; see
 * {@link BenchSettings} for the knobs. The process exits with 1 when a run was invalid (users
 * missing, deliveries lost, errors), and 0 otherwise, whether or not the targets were met.
 */
public final class RoomServerBenchmark {
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(30);
    private static final int WARMUP_SENDERS = 10;
    private static final Duration WARMUP_SPACING = Duration.ofMillis(125);

    private final BenchSettings settings;
    private final ClientRuntime runtime;
    private final String serverClassPath;

    private RoomServerBenchmark(BenchSettings settings, ClientRuntime runtime, String serverClassPath) {
        this.settings = settings;
        this.runtime = runtime;
        this.serverClassPath = serverClassPath;
    }

    /** Runs the benchmark with {@link BenchSettings#fromSystemProperties()}. */
    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        Files.createDirectories(settings.outputDirectory());
        long start = System.nanoTime();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Map<String, ScenarioResult> results = new LinkedHashMap<>();
        String clientDescription;
        try (ClasspathSnapshot classPath = ClasspathSnapshot.take();
             ClientRuntime runtime = new ClientRuntime(settings.newConnector())) {
            clientDescription = runtime.connector().describe();
            RoomServerBenchmark bench = new RoomServerBenchmark(settings, runtime, classPath.classPath());
            for (String server : settings.servers()) {
                System.out.println("[bench] measuring " + server);
                ScenarioResult result = bench.run(server);
                results.put(server, result);
                System.out.println("[bench] " + server + " done in " + Math.round(result.scenarioWallMs) + " ms");
            }
        }
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        BenchReport report = new BenchReport(settings, clientDescription, results, wallSeconds, loadBefore);
        Path json = report.writeJson();
        Path markdown = report.writeMarkdown();
        System.out.println();
        System.out.println(Files.readString(markdown));
        System.out.println("[bench] wrote " + json + " and " + markdown);
        boolean valid = results.values().stream().allMatch(r -> r.valid(settings.users()));
        System.exit(valid ? 0 : 1);
    }

    private ScenarioResult run(String server) throws IOException, InterruptedException {
        SimulatedUser.Protocol protocol = switch (server) {
            case "parley" -> SimulatedUser.Protocol.PARLEY;
            case "baseline" -> SimulatedUser.Protocol.BASELINE;
            default -> throw new IllegalArgumentException("unknown server " + server);
        };
        ScenarioResult result = new ScenarioResult(server);
        long scenarioStart = System.nanoTime();
        Path log = settings.outputDirectory().resolve(server + "-server.log");
        try (ServerProcess process = ServerProcess.start(server, settings.serverJvmOptions(), serverClassPath, log)) {
            long warmupLastConnect = warmUp(process, protocol);

            long errorsBefore = runtime.errors();
            long updatesBefore = runtime.userUpdates();
            // Timers the server keeps per connection would still hold the warm-up's closed ones.
            UserGroup.parkUntil(warmupLastConnect + TimeUnit.MILLISECONDS.toNanos(process.timersMillis()));
            result.heapBeforeBytes = process.heapAfterGc();

            System.gc(); // the clients' own collections stay out of the measured phases where they can
            PhaseCost.Snapshot joinStart = PhaseCost.Snapshot.take(process);
            UserGroup room = UserGroup.join(runtime, process.uri(), protocol, "bench-room", "user-", settings.users(),
                    settings.loginsPerSecond(), settings.userStatusNotify(), JOIN_TIMEOUT);
            result.joinCost = joinStart.until(PhaseCost.Snapshot.take(process));
            result.joined = room.joinedCount();
            if (protocol == SimulatedUser.Protocol.PARLEY) {
                long[] logins = room.loginNanos();
                result.login = LatencySummary.ofNanos(logins);
                result.loginByHundred = byHundred(logins);
                result.rostersConsistent = room.rostersConsistent();
            }
            result.join = LatencySummary.ofNanos(room.joinNanos());
            result.loginRate = room.loginRate();

            awaitConnections(process, room.joinedCount());
            // The full room idles with only heartbeats flowing before the heap is read, and at
            // least until the server's per-connection timers have run, as for an old connection.
            UserGroup.parkUntil(Math.max(System.nanoTime() + settings.idleSettle().toNanos(),
                    room.lastConnectNanos() + TimeUnit.MILLISECONDS.toNanos(process.timersMillis())));
            result.heapAfterBytes = process.heapAfterGc();
            Map<String, String> stats = process.stats();
            result.connectionsAtHeap = Integer.parseInt(stats.get("connections"));
            result.serverThreads = Integer.parseInt(stats.get("threads"));

            int total = settings.warmupBroadcasts() + settings.measuredBroadcasts();
            FanoutRecorder recorder = new FanoutRecorder(total, room.size());
            runtime.recorder(recorder);
            System.gc();
            PhaseCost.Snapshot broadcastStart = PhaseCost.Snapshot.take(process);
            int[] senderOf = room.broadcast(total, settings.senders(), settings.broadcastSpacing());
            recorder.await(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            result.broadcastCost = broadcastStart.until(PhaseCost.Snapshot.take(process));
            result.fanout = LatencySummary.ofNanos(recorder.perReceiver(settings.warmupBroadcasts(), senderOf));
            result.fanoutSlowest = LatencySummary.ofNanos(recorder.slowestReceiver(settings.warmupBroadcasts(), senderOf));
            result.deliveriesExpected = (long) total * (room.size() - 1);
            result.deliveriesMissing = recorder.missing();
            result.unexpectedMessages = recorder.unexpected();
            result.userUpdatesReceived = runtime.userUpdates() - updatesBefore;
            result.clientErrors = runtime.errors() - errorsBefore;
            result.firstErrors = runtime.firstErrors();
            runtime.recorder(null);

            room.leave(LEAVE_TIMEOUT);
        }
        result.scenarioWallMs = (System.nanoTime() - scenarioStart) / 1e6;
        return result;
    }

    /**
     * Separate rooms fill, broadcast and empty, so that both JVMs have run and compiled every path
     * before measuring.
     *
     * @return when the last warm-up user started to connect
     */
    private long warmUp(ServerProcess process, SimulatedUser.Protocol protocol) throws IOException, InterruptedException {
        long lastConnect = System.nanoTime();
        if (settings.warmupUsers() < 2) {
            return lastConnect;
        }
        for (int round = 1; round <= settings.warmupRounds(); round++) {
            UserGroup warm = UserGroup.join(runtime, process.uri(), protocol, "warmup-room-" + round,
                    "warm" + round + "-", settings.warmupUsers(), settings.loginsPerSecond(), settings.userStatusNotify(),
                    JOIN_TIMEOUT);
            FanoutRecorder recorder = new FanoutRecorder(settings.warmupRoomBroadcasts(), warm.size());
            runtime.recorder(recorder);
            warm.broadcast(settings.warmupRoomBroadcasts(), Math.min(WARMUP_SENDERS, warm.size()), WARMUP_SPACING);
            recorder.await(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            runtime.recorder(null);
            warm.leave(LEAVE_TIMEOUT);
            awaitConnections(process, 0);
            lastConnect = warm.lastConnectNanos();
        }
        return lastConnect;
    }

    /** Polls the server until it holds {@code expected} connections (and sessions, for Parley). */
    private static void awaitConnections(ServerProcess process, int expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Map<String, String> stats = process.stats();
            int connections = Integer.parseInt(stats.get("connections"));
            int sessions = Integer.parseInt(stats.get("sessions"));
            if (connections == expected && (sessions < 0 || sessions == expected)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("server holds " + connections + " connections and " + sessions
                        + " sessions, expected " + expected);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private static List<LatencySummary> byHundred(long[] nanos) {
        List<LatencySummary> out = new ArrayList<>();
        for (int from = 0; from < nanos.length; from += 100) {
            out.add(LatencySummary.ofNanos(Arrays.copyOfRange(nanos, from, Math.min(nanos.length, from + 100))));
        }
        return out;
    }
}
