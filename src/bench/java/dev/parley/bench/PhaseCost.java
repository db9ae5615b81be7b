package dev.parley.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one measured phase cost: wall time, CPU time of the server and of the clients, CPU time
 * the whole machine spent (so that load from other processes shows), and the garbage collections
 * each JVM ran meanwhile. Immutable.
 *
 * @param wallMs wall-clock time of the phase
 * @param serverCpuMs CPU time of the server JVM, all threads
 * @param clientCpuMs CPU time of the benchmark (client) JVM, all threads
 * @param machineCpuMs busy CPU time of the whole machine from {@code /proc/stat} (NaN elsewhere)
 * @param interruptCpuMs of which interrupt and softirq time, where the kernel does most of the
 *                       loopback TCP work; no process is charged for it
 * @param serverGcCount collections in the server JVM
 * @param serverGcMs time the server JVM's collectors reported
 * @param clientGcCount collections in the client JVM
 * @param clientGcMs time the client JVM's collectors reported
 * @param serverCpuByThreadMs server CPU time by thread name, numbered pools merged (so
 *                            {@code WebSocketWorker-15} and {@code -16} count as
 *                            {@code WebSocketWorker-*}), largest first; what the threads do not
 *                            account for (collector and compiler threads) is {@code (JVM)}
 */
record PhaseCost(double wallMs, double serverCpuMs, double clientCpuMs, double machineCpuMs, double interruptCpuMs,
                 long serverGcCount,
                 long serverGcMs, long clientGcCount, long clientGcMs, Map<String, Double> serverCpuByThreadMs) {
    /** Linux reports /proc/stat in USER_HZ ticks, 100 a second on every mainstream architecture. */
    private static final double MS_PER_TICK = 10.0;

    /** Readings at one instant, to subtract. */
    record Snapshot(long nanos, double serverCpuMs, long serverGcCount, long serverGcMs, double clientCpuMs,
                    long clientGcCount, long clientGcMs, double machineCpuMs, double interruptCpuMs,
                    Map<String, Double> serverThreadCpuMs) {

        static Snapshot take(ServerProcess server) throws java.io.IOException {
            Map<String, String> stats = server.stats();
            long gcCount = 0;
            long gcMs = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                gcCount += Math.max(0, gc.getCollectionCount());
                gcMs += Math.max(0, gc.getCollectionTime());
            }
            double clientCpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() / 1e6;
            return new Snapshot(System.nanoTime(), Long.parseLong(stats.get("cpuNanos")) / 1e6,
                    Long.parseLong(stats.get("gcCount")), Long.parseLong(stats.get("gcMillis")), clientCpu, gcCount, gcMs,
                    machineCpuMs(BUSY_COLUMNS), machineCpuMs(INTERRUPT_COLUMNS),
                    threadCpu(stats.getOrDefault("threadCpu", "")));
        }

        /** Parses {@code name:nanos;name:nanos}, merging numbered threads of one pool. */
        static Map<String, Double> threadCpu(String encoded) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (String entry : encoded.split(";")) {
                int colon = entry.lastIndexOf(':');
                if (colon > 0) {
                    String name = entry.substring(0, colon).replaceAll("-\\d+$", "-*");
                    out.merge(name, Long.parseLong(entry.substring(colon + 1)) / 1e6, Double::sum);
                }
            }
            return out;
        }

        /** user, nice, system, irq, softirq and steal in the "cpu" line of /proc/stat. */
        private static final int[] BUSY_COLUMNS = {1, 2, 3, 6, 7, 8};
        /** irq and softirq. */
        private static final int[] INTERRUPT_COLUMNS = {6, 7};

        /** The sum of some columns of the "cpu" line of /proc/stat, in milliseconds. */
        static double machineCpuMs(int[] columns) {
            try {
                for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat"))) {
                    if (line.startsWith("cpu ")) {
                        String[] f = line.trim().split("\\s+");
                        long busy = 0;
                        for (int i : columns) {
                            busy += Long.parseLong(f[i]);
                        }
                        return busy * MS_PER_TICK;
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                // not Linux
            }
            return Double.NaN;
        }

        PhaseCost until(Snapshot end) {
            return new PhaseCost((end.nanos - nanos) / 1e6, end.serverCpuMs - serverCpuMs, end.clientCpuMs - clientCpuMs,
                    end.machineCpuMs - machineCpuMs, end.interruptCpuMs - interruptCpuMs, end.serverGcCount - serverGcCount, end.serverGcMs - serverGcMs, end.clientGcCount - clientGcCount,
                    end.clientGcMs - clientGcMs, byThread(end));
        }

        private Map<String, Double> byThread(Snapshot end) {
            Map<String, Double> delta = new LinkedHashMap<>();
            double accounted = 0;
            for (Map.Entry<String, Double> e : end.serverThreadCpuMs.entrySet()) {
                double d = e.getValue() - serverThreadCpuMs.getOrDefault(e.getKey(), 0.0);
                if (d >= 1) {
                    delta.put(e.getKey(), d);
                }
                accounted += Math.max(0, d);
            }
            delta.put("(JVM)", Math.max(0, (end.serverCpuMs - serverCpuMs) - accounted));
            Map<String, Double> sorted = new LinkedHashMap<>();
            delta.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> sorted.put(e.getKey(), ScenarioResult.round(e.getValue())));
            return sorted;
        }
    }

    /** Machine CPU time spent by neither JVM nor interrupts: other processes on the machine. */
    double otherCpuMs() {
        return Math.max(0, machineCpuMs - interruptCpuMs - serverCpuMs - clientCpuMs);
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("wallMs", ScenarioResult.round(wallMs));
        map.put("serverCpuMs", ScenarioResult.round(serverCpuMs));
        map.put("clientCpuMs", ScenarioResult.round(clientCpuMs));
        map.put("machineCpuMs", ScenarioResult.round(machineCpuMs));
        map.put("interruptCpuMs", ScenarioResult.round(interruptCpuMs));
        map.put("otherCpuMs", ScenarioResult.round(otherCpuMs()));
        map.put("serverGcCount", serverGcCount);
        map.put("serverGcMs", serverGcMs);
        map.put("clientGcCount", clientGcCount);
        map.put("clientGcMs", clientGcMs);
        map.put("serverCpuByThreadMs", serverCpuByThreadMs);
        return map;
    }
}
