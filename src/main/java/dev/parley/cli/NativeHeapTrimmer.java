package dev.parley.cli;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the C heap's freed pages back to the system every few seconds, on Linux with glibc, where
 * a call's native threads (WebRTC's encoders, decoders, network and audio threads) free memory
 * into malloc arenas that glibc otherwise keeps: the resident size of a long call then creeps up
 * although nothing leaks. It asks the JVM's own {@code System.trim_native_heap} diagnostic
 * command, which calls {@code malloc_trim}; the JVM option {@code -XX:TrimNativeHeapInterval}
 * would do the same but prints a warning on stdout on Windows and macOS, where the bot writes
 * its JSON lines.
 *
 * <p>Process-wide: the command line's launchers start it once, never the engine (an SDK does
 * not trim its host's heap). {@link #start()} is thread-safe and idempotent; the trims run on one
 * daemon thread and stop with the JVM. Where the command does not exist (another OS, another
 * JVM) it does nothing.
 */
final class NativeHeapTrimmer {
    private static final Logger LOG = LoggerFactory.getLogger(NativeHeapTrimmer.class);
    static final long PERIOD_SECONDS = 10;
    /** {@code -Dparley.trimNativeHeap=false} turns it off (the long-call benchmark's baseline does). */
    static final String SWITCH = "parley.trimNativeHeap";
    private static final String OPERATION = "systemTrimNativeHeap";
    private static ScheduledExecutorService timer;

    private NativeHeapTrimmer() {
    }

    /** Starts the periodic trim where it is supported; the second call does nothing. */
    static synchronized void start() {
        if (timer != null || !Boolean.parseBoolean(System.getProperty(SWITCH, "true")) || !supported()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-heap-trim");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        timer.scheduleWithFixedDelay(NativeHeapTrimmer::trimOnce, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
        LOG.debug("native heap trimmed every {} s", PERIOD_SECONDS);
    }

    /** Whether this JVM can trim the C heap: Linux, and the diagnostic command is there. */
    static boolean supported() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return false;
        }
        try {
            return Arrays.stream(server().getMBeanInfo(name()).getOperations())
                    .anyMatch(o -> o.getName().equals(OPERATION));
        } catch (JMException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Trims once; returns the JVM's answer (for example {@code Trim native heap: RSS+Swap:
     * 180M->152M (-28672K)}), or empty when it could not.
     */
    static Optional<String> trimOnce() {
        try {
            Object answer = server().invoke(name(), OPERATION, new Object[] {null}, new String[] {String[].class.getName()});
            return Optional.of(String.valueOf(answer).trim());
        } catch (JMException | RuntimeException e) {
            LOG.debug("native heap trim failed: {}", e.toString());
            return Optional.empty();
        }
    }

    private static MBeanServer server() {
        return ManagementFactory.getPlatformMBeanServer();
    }

    private static ObjectName name() throws JMException {
        return new ObjectName("com.sun.management:type=DiagnosticCommand");
    }
}
