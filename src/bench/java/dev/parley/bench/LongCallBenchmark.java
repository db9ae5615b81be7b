package dev.parley.bench;

import dev.parley.app.DevApp;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The resident memory of headless bots in one long call: {@code bench.longcall.bots} bots (four by
 * default) in one room for {@code bench.longcall.minutes} (12 unless set) at 320x180 and 15 fps, each a
 * {@code parley call --headless} child JVM started with the launchers' Java options, every bot's
 * VmRSS read every few seconds. Beside them, at the same time and in a room of their own, the same
 * bots with the JVM's default heap settings. Settings are system properties (see
 * {@link LongCallSettings}).
 *
 * <p>Needs a non-loopback interface: run it through {@code scripts/netns/bin/java}, as the
 * {@code bench} Maven profile does. Writes {@code target/bench/long-call.md} and
 * {@code long-call.json}, and each bot's JSON lines and log under {@code target/bench/long-call/}.
 * Single-threaded main.
 */
public final class LongCallBenchmark {
    static final String WITH_OPTIONS = "launcher options";
    static final String DEFAULTS = "JVM defaults";

    private LongCallBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        LongCallSettings settings = LongCallSettings.fromSystemProperties();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Path bots = settings.outputDirectory().resolve("long-call");
        Files.createDirectories(bots);
        Map<String, List<String>> groups = new LinkedHashMap<>();
        if (!Boolean.getBoolean("bench.longcall.onlyVariants")) {
            groups.put(WITH_OPTIONS, settings.javaOptions());
        }
        groups.putAll(variants(settings, System.getProperty("bench.longcall.variants", "")));
        if (settings.baseline()) {
            // the launchers as they were: no Java options, and the C heap not trimmed
            groups.put(DEFAULTS, List.of("-Dparley.trimNativeHeap=false"));
        }
        long seconds = settings.minutes() * 60L;
        Map<String, Map<String, List<long[]>>> samples = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, Long>>> frames = new LinkedHashMap<>();
        try (ClasspathSnapshot classpath = ClasspathSnapshot.take();
             ParleyServer server = ParleyServer.start(ServerConfig.builder().port(0).app(DevApp.credentials()).build())) {
            // the bots run as users run them: without the test classes and their logging configuration
            String botClassPath = withoutTestClasses(classpath.classPath());
            List<BotProcess> all = new ArrayList<>();
            try {
                int room = 0;
                for (Map.Entry<String, List<String>> group : groups.entrySet()) {
                    room++;
                    Map<String, List<long[]>> bySample = new LinkedHashMap<>();
                    samples.put(group.getKey(), bySample);
                    for (int i = 1; i <= settings.bots(); i++) {
                        String user = "r" + room + "-bot" + i;
                        // a little past the sampling, so that no bot leaves while the others are measured
                        all.add(BotProcess.start(user, "long-call-" + room, server.url(), group.getValue(),
                                botClassPath, settings, (int) seconds + 20, bots));
                        bySample.put(user, new ArrayList<>());
                    }
                }
                System.out.println("long call: " + all.size() + " bots for " + settings.minutes() + " min");
                long start = System.nanoTime();
                long next = 0;
                while (next <= seconds) {
                    long wait = start + next * 1_000_000_000L - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    int b = 0;
                    for (Map<String, List<long[]>> group : samples.values()) {
                        for (List<long[]> bot : group.values()) {
                            bot.add(new long[] {next, all.get(b++).rssKib()});
                        }
                    }
                    if (next % 300 == 0) {
                        System.out.println("long call: minute " + next / 60);
                    }
                    next += settings.sampleSeconds();
                }
                for (BotProcess bot : all) {
                    bot.dumpThreads();
                }
            } finally {
                for (BotProcess bot : all) {
                    bot.close();
                }
            }
            int b = 0;
            for (String group : groups.keySet()) {
                Map<String, Map<String, Long>> played = new LinkedHashMap<>();
                for (int i = 0; i < settings.bots(); i++) {
                    BotProcess bot = all.get(b++);
                    played.put(bot.userId(), bot.framesPlayed());
                }
                frames.put(group, played);
            }
        }
        LongCallReport.write(settings, samples, frames, loadBefore);
        System.exit(0);
    }

    /**
     * Experiments beside the launchers' options: {@code bench.longcall.variants} is
     * {@code name=options;name=options}, each a group of bots in a room of its own with the
     * launchers' Java options followed by those (a later option wins); entries without a name are
     * left out. {@code -Dbench.longcall.onlyVariants=true} leaves the launchers' own group out.
     */
    static Map<String, List<String>> variants(LongCallSettings settings, String spec) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String entry : spec.split(";")) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            List<String> options = new ArrayList<>(settings.javaOptions());
            options.addAll(List.of(entry.substring(equals + 1).trim().split("\\s+")));
            groups.put(entry.substring(0, equals).trim(), options);
        }
        return groups;
    }

    /** The snapshot's entries but the copy of {@code test-classes} (entries follow java.class.path one for one). */
    private static String withoutTestClasses(String snapshot) {
        String[] original = System.getProperty("java.class.path").split(File.pathSeparator);
        String[] copies = snapshot.split(File.pathSeparator);
        return IntStream.range(0, copies.length).filter(i -> !original[i].endsWith("test-classes"))
                .mapToObj(i -> copies[i]).collect(Collectors.joining(File.pathSeparator));
    }
}
