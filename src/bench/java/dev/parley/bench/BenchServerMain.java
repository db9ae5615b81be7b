package dev.parley.bench;

import dev.parley.server.AppCredentials;
import dev.parley.server.ConnectionLimits;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import dev.parley.server.ServerStats;
import dev.parley.server.cluster.ClusterConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The server under test, alone in its own JVM so that its heap can be measured without the
 * simulated clients in it.
 *
 * <p>Usage: {@code BenchServerMain parley|baseline}, or {@code BenchServerMain parley REDIS_URL NODE_ID}
 * for one of several Parley nodes sharing that Redis. The server listens on a free loopback port,
 * then the process speaks a line protocol: it prints
 * {@code BENCH READY port=<port> timersMs=<ms>} on stdout, where {@code timersMs} is how long after
 * a connection opens the server may still hold timers (and so objects) for it, and answers each command read from stdin with one {@code BENCH ...} line:
 * <ul>
 *   <li>{@code STATS}: process CPU time, CPU time by thread, garbage collections so far (count
 *       and time), live threads and the connections (and, for Parley, sessions) it holds;</li>
 *   <li>{@code HEAP}: the used heap right after full collections;</li>
 *   <li>{@code STOP}: closes the server and exits.</li>
 * </ul>
 * End of input also stops it, so the process never outlives the benchmark. Logging goes to
 * stderr, which the benchmark sends to a file.
 */
public final class BenchServerMain {
    /** The appID the Parley server under test serves. */
    public static final long APP_ID = 424242L;
    /** The appSign the simulated users prove they know. */
    public static final String APP_SIGN = "bench-app-sign-0123456789abcdef";
    /** The server secret; tokens are not used by the benchmark. */
    public static final String SERVER_SECRET = "bench-server-secret-0123456789abcdef";

    private BenchServerMain() {
    }

    /** Runs one server until told to stop or until stdin closes. */
    public static void main(String[] args) throws Exception {
        boolean node = args.length == 3 && args[0].equals("parley");
        if (!node && (args.length != 1 || !(args[0].equals("parley") || args[0].equals("baseline")))) {
            System.err.println("usage: BenchServerMain parley [REDIS_URL NODE_ID] | baseline");
            System.exit(2);
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Target target = node ? parley(ClusterConfig.of(args[1], args[2], null))
                : args[0].equals("parley") ? parley(null) : baseline();
        out.println("BENCH READY port=" + target.port() + " timersMs=" + target.timersMillis());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.trim();
            if (command.equals("STATS")) {
                out.println("BENCH STATS " + stats(target));
            } else if (command.equals("HEAP")) {
                out.println("BENCH HEAP heapUsed=" + heapAfterGc());
            } else if (command.equals("STOP")) {
                break;
            } else if (!command.isEmpty()) {
                out.println("BENCH ERROR unknown command " + command);
            }
        }
        target.close();
        out.println("BENCH STOPPED");
        System.exit(0);
    }

    /** What the benchmark needs from either server. */
    private interface Target extends AutoCloseable {
        int port();

        /** How long after a connection opens the server may still hold timers for it. */
        long timersMillis();

        int connections();

        /** Logged-in sessions, or -1 when the server has none. */
        int sessions();

        @Override
        void close();
    }

    /** A Parley server alone, or one node of those sharing {@code cluster}'s Redis when it is not null. */
    private static Target parley(ClusterConfig cluster) throws IOException {
        // Stock limits and presence timings; the benchmark's own login asks for a room big enough.
        // All its users come from one address, which the per-address connection limits are not for.
        ServerConfig config = ServerConfig.builder()
                .bindAddress("127.0.0.1")
                .port(0)
                .app(new AppCredentials(APP_ID, APP_SIGN, SERVER_SECRET))
                .connectionLimits(ConnectionLimits.DEFAULT.withMaxPendingPerAddress(10_000).withConnectionRate(10_000, 10_000))
                .cluster(cluster)
                .build();
        ParleyServer server = ParleyServer.start(config);
        return new Target() {
            @Override
            public int port() {
                return server.port();
            }

            @Override
            public long timersMillis() {
                // the login deadline runs a presence timeout after the open, closed or not
                return config.presenceTimeout().toMillis() + 1000;
            }

            @Override
            public int connections() {
                return server.stats().connections();
            }

            @Override
            public int sessions() {
                ServerStats stats = server.stats();
                return stats.sessions();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    private static Target baseline() throws Exception {
        BaselineBroadcastServer server = new BaselineBroadcastServer(0);
        server.start();
        server.started().get(10, TimeUnit.SECONDS);
        return new Target() {
            @Override
            public int port() {
                return server.getPort();
            }

            @Override
            public long timersMillis() {
                return 0;
            }

            @Override
            public int connections() {
                return server.getConnections().size();
            }

            @Override
            public int sessions() {
                return -1;
            }

            @Override
            public void close() {
                try {
                    server.stop(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static String stats(Target target) {
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StringBuilder byThread = new StringBuilder();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos > 0) {
                byThread.append(byThread.length() == 0 ? "" : ";")
                        .append(info.getThreadName().replaceAll("[\\s:;=]", "_")).append(':').append(nanos);
            }
        }
        return "cpuNanos=" + cpu
                + " threadCpu=" + byThread
                + " gcCount=" + gcCount
                + " gcMillis=" + gcMillis
                + " threads=" + ManagementFactory.getThreadMXBean().getThreadCount()
                + " connections=" + target.connections()
                + " sessions=" + target.sessions();
    }
}
