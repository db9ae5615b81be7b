package dev.parley.bench;

import dev.parley.testing.TestRedis;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The several-nodes benchmark: {@code bench.cluster.users} simulated users (2,000) in
 * {@code bench.cluster.rooms} rooms (200) at {@code bench.cluster.loginRate} logins/s (200),
 * measured against two Parley nodes sharing a Redis (logins go in through either node, so about
 * half of them are redirected to the room's node) and, in the same run, against one Parley node
 * alone with the same users. Each node runs in a JVM of its own ({@link BenchServerMain}); Redis is
 * Debian's {@code redis-server}, started here without persistence.
 *
 * <p>Per setup: a warm-up round of smaller rooms; the nodes' heaps after full collections; the
 * measured join, where login-to-roster is the time from the first login sent to the reply with the
 * room's user list, redirect included; the full rooms idle (heartbeats only) until every
 * per-connection timer has run; the heaps again, so that each node's heap per user is the
 * difference over the users it holds; everyone logs out. Writes {@code cluster.json} and
 * {@code cluster.md} to {@code bench.out}; exits with 1 when a run was invalid (users missing, a
 * room split over two nodes, client errors).
 */
public final class ClusterBenchmark {
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(30);

    /** What one setup measured. */
    static final class Result {
        final String name;
        int nodes;
        int joined;
        int redirected;
        double loginRate;
        LatencySummary login;
        LatencySummary loginDirect;
        LatencySummary loginRedirected;
        LatencySummary joinDirect;
        LatencySummary joinRedirected;
        boolean roomsWhole;
        final Map<String, Integer> usersByNode = new LinkedHashMap<>();
        final Map<String, Double> heapPerUserByNode = new LinkedHashMap<>();
        long redisBytesPerUser = -1;
        long clientErrors;
        List<String> firstErrors = List.of();

        Result(String name) {
            this.name = name;
        }

        boolean valid(int users) {
            return joined == users && roomsWhole && clientErrors == 0;
        }
    }

    private final int users;
    private final int rooms;
    private final int loginsPerSecond;
    private final int warmupUsers;
    private final List<String> serverJvm;
    private final Path out;
    private final ClientRuntime runtime;
    private final String classPath;

    private ClusterBenchmark(ClientRuntime runtime, String classPath) {
        this.users = Integer.getInteger("bench.cluster.users", 2000);
        this.rooms = Integer.getInteger("bench.cluster.rooms", 200);
        this.loginsPerSecond = Integer.getInteger("bench.cluster.loginRate", 200);
        this.warmupUsers = Integer.getInteger("bench.cluster.warmupUsers", 600);
        this.serverJvm = Arrays.asList(System.getProperty("bench.serverJvm", "-Xms1g -Xmx1g -XX:+UseG1GC").trim().split(" +"));
        this.out = Paths.get(System.getProperty("bench.out", "target/bench"));
        this.runtime = runtime;
        this.classPath = classPath;
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<Result> results = new ArrayList<>();
        ClusterBenchmark bench;
        try (ClasspathSnapshot snapshot = ClasspathSnapshot.take();
             ClientRuntime runtime = new ClientRuntime(new NioClientConnector(1));
             TestRedis redis = TestRedis.start()) {
            bench = new ClusterBenchmark(runtime, snapshot.classPath());
            Files.createDirectories(bench.out);
            System.out.println("[bench] one node alone");
            results.add(bench.run("one node", List.of(List.of("parley")), null));
            System.out.println("[bench] two nodes sharing " + redis.url());
            results.add(bench.run("two nodes", List.of(List.of("parley", redis.url(), "node-a"),
                    List.of("parley", redis.url(), "node-b")), redis));
        }
        ClusterReport report = new ClusterReport(bench.settings(), results, (System.nanoTime() - start) / 1e9, loadBefore);
        Path json = report.writeJson(bench.out.resolve("cluster.json"));
        Path markdown = report.writeMarkdown(bench.out.resolve("cluster.md"));
        System.out.println();
        System.out.println(Files.readString(markdown));
        System.out.println("[bench] wrote " + json + " and " + markdown);
        System.exit(results.stream().allMatch(r -> r.valid(bench.users)) ? 0 : 1);
    }

    private Map<String, Object> settings() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("users", users);
        map.put("rooms", rooms);
        map.put("loginsPerSecond", loginsPerSecond);
        map.put("warmupUsers", warmupUsers);
        map.put("serverJvmOptions", serverJvm);
        map.put("client", runtime.connector().describe());
        return map;
    }

    private Result run(String name, List<List<String>> nodeArguments, TestRedis redis)
            throws IOException, InterruptedException {
        Result result = new Result(name);
        result.nodes = nodeArguments.size();
        List<ServerProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < nodeArguments.size(); i++) {
                String label = nodeArguments.size() == 1 ? "alone" : nodeArguments.get(i).get(2);
                nodes.add(ServerProcess.start(nodeArguments.get(i), serverJvm, classPath,
                        out.resolve("cluster-" + label + "-server.log")));
            }
            long timers = nodes.get(0).timersMillis();
            List<RoamingUser> warm = join(nodes, "warm-", warmupUsers, Math.max(1, warmupUsers / (users / rooms)));
            long warmLastConnect = lastConnect(warm);
            leave(warm);
            awaitHeld(nodes, 0);
            UserGroup.parkUntil(warmLastConnect + TimeUnit.MILLISECONDS.toNanos(timers));
            long[] heapBefore = new long[nodes.size()];
            for (int i = 0; i < nodes.size(); i++) {
                heapBefore[i] = nodes.get(i).heapAfterGc();
            }
            long errorsBefore = runtime.errors();
            long redisBefore = redis == null ? 0 : usedMemory(redis);

            System.gc();
            List<RoamingUser> group = join(nodes, "user-", users, rooms);
            result.joined = (int) group.stream().filter(u -> u.joinedAt() != null).count();
            result.redirected = (int) group.stream().filter(u -> u.redirects() > 0).count();
            result.login = LatencySummary.ofNanos(group.stream().mapToLong(RoamingUser::loginNanos).toArray());
            result.loginDirect = LatencySummary.ofNanos(group.stream().filter(u -> u.redirects() == 0)
                    .mapToLong(RoamingUser::loginNanos).toArray());
            result.loginRedirected = LatencySummary.ofNanos(group.stream().filter(u -> u.redirects() > 0)
                    .mapToLong(RoamingUser::loginNanos).toArray());
            result.joinDirect = LatencySummary.ofNanos(group.stream().filter(u -> u.redirects() == 0)
                    .mapToLong(RoamingUser::joinNanos).toArray());
            result.joinRedirected = LatencySummary.ofNanos(group.stream().filter(u -> u.redirects() > 0)
                    .mapToLong(RoamingUser::joinNanos).toArray());
            result.loginRate = rate(group);
            result.roomsWhole = roomsWhole(group);
            awaitHeld(nodes, result.joined);
            if (redis != null) {
                result.redisBytesPerUser = (usedMemory(redis) - redisBefore) / Math.max(1, result.joined);
            }

            UserGroup.parkUntil(Math.max(System.nanoTime() + TimeUnit.SECONDS.toNanos(3),
                    lastConnect(group) + TimeUnit.MILLISECONDS.toNanos(timers)));
            for (int i = 0; i < nodes.size(); i++) {
                ServerProcess node = nodes.get(i);
                long heapAfter = node.heapAfterGc();
                int sessions = Integer.parseInt(node.stats().get("sessions"));
                String label = nodeArguments.size() == 1 ? "alone" : nodeArguments.get(i).get(2);
                result.usersByNode.put(label, sessions);
                result.heapPerUserByNode.put(label, sessions == 0 ? Double.NaN : (heapAfter - heapBefore[i]) / (double) sessions);
            }
            result.clientErrors = runtime.errors() - errorsBefore;
            result.firstErrors = runtime.firstErrors();
            leave(group);
            awaitHeld(nodes, 0);
        } finally {
            nodes.forEach(ServerProcess::close);
        }
        return result;
    }

    /**
     * Joins {@code count} users, one every {@code 1/loginsPerSecond} s, user {@code i} to room
     * {@code i mod roomCount}, in through node {@code (i mod roomCount + i / roomCount) mod nodes}: a
     * room's first login claims it on its node, and each later round of logins comes in through the
     * other node half the time.
     */
    private List<RoamingUser> join(List<ServerProcess> nodes, String prefix, int count, int roomCount)
            throws InterruptedException {
        List<RoamingUser> group = new ArrayList<>(count);
        List<CompletableFuture<RoamingUser>> joins = new ArrayList<>(count);
        long interval = 1_000_000_000L / loginsPerSecond;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            UserGroup.parkUntil(start + i * interval);
            RoamingUser user = new RoamingUser(runtime, i, prefix + String.format("%05d", i),
                    prefix + "room-" + (i % roomCount));
            group.add(user);
            URI entry = nodes.get((i % roomCount + i / roomCount) % nodes.size()).uri();
            joins.add(user.connect(entry));
        }
        try {
            CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(JOIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // counted by the caller
        }
        return group;
    }

    /** Whether every room is whole on one node: its login replies listed 0, 1, ..., n-1 others. */
    private static boolean roomsWhole(List<RoamingUser> group) {
        Map<String, List<Integer>> byRoom = new HashMap<>();
        for (RoamingUser user : group) {
            byRoom.computeIfAbsent(user.roomId(), k -> new ArrayList<>()).add(user.rosterSize());
        }
        for (List<Integer> sizes : byRoom.values()) {
            int[] sorted = sizes.stream().mapToInt(Integer::intValue).sorted().toArray();
            for (int i = 0; i < sorted.length; i++) {
                if (sorted[i] != i) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double rate(List<RoamingUser> group) {
        long[] sent = group.stream().mapToLong(RoamingUser::connectNanos).filter(v -> v != 0).sorted().toArray();
        return sent.length < 2 ? Double.NaN : (sent.length - 1) / ((sent[sent.length - 1] - sent[0]) / 1e9);
    }

    private static long lastConnect(List<RoamingUser> group) {
        return group.stream().mapToLong(RoamingUser::connectNanos).max().orElse(System.nanoTime());
    }

    private void leave(List<RoamingUser> group) throws InterruptedException {
        List<CompletableFuture<Void>> closes = new ArrayList<>();
        for (RoamingUser user : group) {
            closes.add(user.leave());
        }
        try {
            CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new)).get(LEAVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // aborted below
        }
        group.forEach(RoamingUser::abort);
    }

    /** Polls the nodes until together they hold {@code sessions} sessions, each with one connection per session. */
    private static void awaitHeld(List<ServerProcess> nodes, int sessions) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            int total = 0;
            boolean settled = true;
            for (ServerProcess node : nodes) {
                Map<String, String> stats = node.stats();
                int held = Integer.parseInt(stats.get("sessions"));
                total += held;
                settled &= Integer.parseInt(stats.get("connections")) == held;
            }
            if (settled && total == sessions) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the nodes hold " + total + " sessions, expected " + sessions);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private static long usedMemory(TestRedis redis) {
        for (String line : redis.client().info("memory").split("\r?\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).trim());
            }
        }
        return -1;
    }
}
