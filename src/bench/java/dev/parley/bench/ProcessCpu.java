package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time another process has used, from {@code /proc/PID/stat} (user plus system time, in
 * clock ticks). Linux only. Immutable; {@link #seconds()} reads the file each time.
 */
final class ProcessCpu {
    private static final double TICKS_PER_SECOND = ticksPerSecond();
    private final long pid;

    ProcessCpu(long pid) {
        this.pid = pid;
    }

    long pid() {
        return pid;
    }

    /** CPU seconds used so far by the process, all its threads. */
    double seconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name in parentheses may hold spaces: count fields after its closing one
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return (utime + stime) / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid, e);
        }
    }

    /** CPU seconds per wall second over {@code nanos} from now, while the caller waits. */
    double perSecondOver(long nanos) {
        double cpuStart = seconds();
        long wallStart = System.nanoTime();
        RenderBenchmark.parkUntil(wallStart + nanos);
        return (seconds() - cpuStart) / ((System.nanoTime() - wallStart) / 1e9);
    }

    private static double ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Double.parseDouble(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
