package dev.parley.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The long-call benchmark's figures, verdicts and report files, {@code long-call.md} and
 * {@code long-call.json}. Stateless; called once on the main thread at the end of a run.
 */
final class LongCallReport {
    static final String COMMAND = BenchPart.LONG_CALL.command();
    /** The most a participant may hold at any sample of the call, in MiB. */
    static final double RSS_TARGET_MIB = 200;
    /**
     * Flat: a participant's level in the call's last minute is at most this much above its level in
     * minute 5, in MiB; a level is the median of a minute's samples, so that a peak of a few
     * seconds (the highest RSS, which has its own target) is not taken for growth.
     */
    static final double FLAT_GROWTH_MIB = 10;
    static final int[] MINUTES = {1, 5, 10, 12, 20, 30};

    private LongCallReport() {
    }

    /** The sample nearest to {@code second}, in MiB, or NaN when the bot had gone. */
    static double rssAt(List<long[]> samples, long second) {
        long[] best = null;
        for (long[] s : samples) {
            if (best == null || Math.abs(s[0] - second) < Math.abs(best[0] - second)) {
                best = s;
            }
        }
        return best == null || best[1] < 0 ? Double.NaN : best[1] / 1024.0;
    }

    /** The highest sample from {@code fromSecond} on, in MiB; NaN if the bot was gone at any of them. */
    static double maxFrom(List<long[]> samples, long fromSecond) {
        double max = Double.NaN;
        for (long[] s : samples) {
            if (s[0] >= fromSecond) {
                if (s[1] < 0) {
                    return Double.NaN;
                }
                max = Double.isNaN(max) ? s[1] / 1024.0 : Math.max(max, s[1] / 1024.0);
            }
        }
        return max;
    }

    /** The median of the samples from {@code fromSecond} (inclusive) to {@code toSecond} (exclusive), in MiB; NaN if none or the bot had gone. */
    static double levelOver(List<long[]> samples, long fromSecond, long toSecond) {
        List<Long> in = new ArrayList<>();
        for (long[] s : samples) {
            if (s[0] >= fromSecond && s[0] < toSecond) {
                if (s[1] < 0) {
                    return Double.NaN;
                }
                in.add(s[1]);
            }
        }
        if (in.isEmpty()) {
            return Double.NaN;
        }
        in.sort(null);
        return in.get(in.size() / 2) / 1024.0;
    }

    /** One participant's figures. */
    record Participant(String group, String bot, Map<Integer, Double> rssMib, double maxFromMinute5Mib,
                       double growthFromMinute5Mib, Map<String, Long> framesPlayed) {
    }

    static List<Participant> participants(LongCallSettings settings, Map<String, Map<String, List<long[]>>> samples,
                                          Map<String, Map<String, Map<String, Long>>> frames) {
        List<Participant> rows = new ArrayList<>();
        samples.forEach((group, bots) -> bots.forEach((bot, s) -> {
            Map<Integer, Double> at = new LinkedHashMap<>();
            for (int m : MINUTES) {
                if (m <= settings.minutes()) {
                    at.put(m, rssAt(s, m * 60L));
                }
            }
            long end = settings.minutes() * 60L;
            long five = Math.min(300, Math.max(0, end - 60));
            double max = maxFrom(s, five);
            double growth = levelOver(s, end - 60, end + 1) - levelOver(s, five, five + 60);
            rows.add(new Participant(group, bot, at, max, growth, frames.get(group).get(bot)));
        }));
        return rows;
    }

    static void write(LongCallSettings settings, Map<String, Map<String, List<long[]>>> samples,
                      Map<String, Map<String, Map<String, Long>>> frames, double loadBefore) throws IOException {
        List<Participant> rows = participants(settings, samples, frames);
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        // every bot played every other bot of its room, with frames for most of the call
        long expectedFrames = (long) (settings.minutes() * 60L * settings.fps() * 0.8);
        boolean callHeld = rows.stream().allMatch(p -> p.framesPlayed().size() == settings.bots() - 1
                && p.framesPlayed().values().stream().allMatch(f -> f >= expectedFrames));
        List<Map<String, Object>> verdicts = new ArrayList<>();
        for (String group : samples.keySet()) {
            List<Participant> in = rows.stream().filter(p -> p.group().equals(group)).toList();
            // a bot that left early (a failed login, a crash) has no figures: the others are shown, and no target is met
            long gone = samples.get(group).values().stream().filter(bot -> Double.isNaN(maxFrom(bot, 0))).count();
            double worst = samples.get(group).values().stream().mapToDouble(bot -> maxFrom(bot, 0))
                    .filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
            double worstGrowth = in.stream().mapToDouble(Participant::growthFromMinute5Mib)
                    .filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("group", group);
            v.put("worstRssMib", round(worst));
            v.put("botsGone", gone);
            v.put("rssMet", gone == 0 && worst <= RSS_TARGET_MIB);
            v.put("worstGrowthFromMinute5Mib", round(worstGrowth));
            v.put("flatMet", gone == 0 && worstGrowth <= FLAT_GROWTH_MIB);
            verdicts.add(v);
        }
        String md = markdown(settings, samples, rows, verdicts, callHeld, expectedFrames, loadBefore, loadAfter);
        Files.createDirectories(settings.outputDirectory());
        Files.writeString(settings.outputDirectory().resolve("long-call.md"), md);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", COMMAND);
        json.put("settings", settings.toMap());
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("loadAverageBefore", round(loadBefore));
        json.put("loadAverageAfter", round(loadAfter));
        json.put("callHeld", callHeld);
        json.put("verdicts", verdicts);
        json.put("participants", rows);
        Map<String, Object> raw = new LinkedHashMap<>();
        samples.forEach((group, bots) -> {
            Map<String, Object> g = new LinkedHashMap<>();
            bots.forEach((bot, s) -> g.put(bot, s.stream().map(x -> List.of(x[0], x[1])).toList()));
            raw.put(group, g);
        });
        json.put("samplesSecondsAndRssKib", raw);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(settings.outputDirectory().resolve("long-call.json").toFile(), json);
        System.out.println(md);
    }

    private static String markdown(LongCallSettings settings, Map<String, Map<String, List<long[]>>> samples,
                                   List<Participant> rows, List<Map<String, Object>> verdicts,
                                   boolean callHeld, long expectedFrames, double loadBefore, double loadAfter) {
        StringBuilder md = new StringBuilder("# A long call: resident memory per participant\n\n")
                .append("Command: `").append(COMMAND).append("` (the JVM runs in the private network namespace of ")
                .append("`scripts/netns/bin/java`). Settings: `").append(settings.asFlags()).append("`.\n\n")
                .append(String.format(Locale.ROOT, "%d cores, Java %s, load average %.2f before and %.2f after.%n%n",
                        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadBefore,
                        loadAfter))
                .append("Each participant is a `parley call --headless` bot in a JVM of its own (`java [options] -cp ... ")
                .append("dev.parley.cli.ParleyCli call --headless`), publishing the test pattern and tone at ")
                .append(settings.size()).append(" and ").append(settings.fps()).append(" fps and playing every other ")
                .append("bot of its room, ").append(settings.bots()).append(" bots a room. **").append(LongCallBenchmark.WITH_OPTIONS)
                .append("**: the Java options of the installers and README's commands, `")
                .append(String.join(" ", settings.javaOptions())).append("`, and the C heap trimmed every 10 s (`NativeHeapTrimmer`). ");
        if (settings.baseline()) {
            md.append("**").append(LongCallBenchmark.DEFAULTS).append("**: the same bots with no Java options and no trimming (`-Dparley.trimNativeHeap=false`), in a room of their own ")
                    .append("at the same time. ");
        }
        md.append("RSS is VmRSS of `/proc/PID/status`, read every ").append(settings.sampleSeconds())
                .append(" s, in MiB.\n\nThe call held: ").append(callHeld ? "yes" : "**no**")
                .append(" (every bot played each other bot of its room with at least ").append(expectedFrames)
                .append(" frames, 80 % of the call).\n\n## Targets\n\n")
                .append("Growth is a participant's level in the last minute less its level in minute 5, each the median of ")
                .append("that minute's samples; the highest RSS counts every sample, peaks of a few seconds included.\n\n")
                .append("| group | highest RSS of a participant | target | met | worst growth from minute 5 to the last minute (medians) | target | met |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> v : verdicts) {
            Object at = v.get("worstRssMib");
            md.append(String.format(Locale.ROOT, "| %s | %s MiB | ≤ %.0f MiB | %s | %s MiB | ≤ %.0f MiB | %s |%n",
                    v.get("group") + ((Long) v.get("botsGone") > 0 ? " (" + v.get("botsGone") + " left early)" : ""),
                    at, RSS_TARGET_MIB, (Boolean) v.get("rssMet") ? "met" : "**not met**",
                    v.get("worstGrowthFromMinute5Mib"), FLAT_GROWTH_MIB, (Boolean) v.get("flatMet") ? "met" : "**not met**"));
        }
        md.append(perMinute(settings, samples));
        md.append("\n## Each participant\n\n| group | bot |");
        List<Integer> minutes = rows.isEmpty() ? List.of() : new ArrayList<>(rows.get(0).rssMib().keySet());
        for (int m : minutes) {
            md.append(" min ").append(m).append(" |");
        }
        md.append(" highest from min 5 | frames played (fewest) |\n|---|---|");
        md.append("---|".repeat(minutes.size() + 2)).append('\n');
        for (Participant p : rows) {
            md.append("| ").append(p.group()).append(" | ").append(p.bot()).append(" |");
            for (int m : minutes) {
                md.append(' ').append(number(p.rssMib().get(m))).append(" |");
            }
            long fewest = p.framesPlayed().values().stream().mapToLong(Long::longValue).min().orElse(0);
            md.append(' ').append(number(p.maxFromMinute5Mib())).append(" | ").append(fewest).append(" of ")
                    .append(p.framesPlayed().size()).append(" streams |\n");
        }
        return md.toString();
    }

    /** Each minute's lowest and highest participant of each group, from the sample nearest that minute. */
    static String perMinute(LongCallSettings settings, Map<String, Map<String, List<long[]>>> samples) {
        StringBuilder md = new StringBuilder("\n## Every minute\n\nRSS in MiB, lowest and highest participant of each group.\n\n| minute |");
        for (String group : samples.keySet()) {
            md.append(' ').append(group).append(" |");
        }
        md.append("\n|---|").append("---|".repeat(samples.size())).append('\n');
        for (int m = 0; m <= settings.minutes(); m++) {
            md.append("| ").append(m).append(" |");
            for (Map<String, List<long[]>> bots : samples.values()) {
                long second = m * 60L;
                double low = bots.values().stream().mapToDouble(s -> rssAt(s, second)).filter(v -> !Double.isNaN(v))
                        .min().orElse(Double.NaN);
                double high = bots.values().stream().mapToDouble(s -> rssAt(s, second)).filter(v -> !Double.isNaN(v))
                        .max().orElse(Double.NaN);
                md.append(' ').append(number(low)).append("–").append(number(high)).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String number(Double v) {
        return v == null || v.isNaN() ? "–" : String.format(Locale.ROOT, "%.0f", v);
    }
}
