package dev.parley.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * The relay benchmark's report files, {@code relay.md} and {@code relay.json}: each path's
 * latency, start-up and cost per round, and the relayed call beside the direct one over all
 * rounds. Stateless; called once on the main thread at the end of a run.
 */
final class RelayReport {
    static final String COMMAND = BenchPart.RELAY.command();

    private RelayReport() {
    }

    /** One path over every round: all latency samples and all start-ups together, and the mean cost. */
    record Pooled(String path, LatencySummary latency, double videoKbps, double jvmCpu, double relayCpu,
                  SubjectFigures.Startup startup) {
        static Pooled of(String path, List<RelayBenchmark.PathFigures> rounds) {
            List<RelayBenchmark.PathFigures> mine = rounds.stream().filter(f -> f.path().equals(path)).toList();
            long[] ages = mine.stream().flatMapToLong(f -> LongStream.of(f.ages())).toArray();
            long[] startups = mine.stream().flatMapToLong(f -> LongStream.of(f.startups())).toArray();
            double jvm = mine.stream().mapToDouble(RelayBenchmark.PathFigures::jvmCpu).average().orElse(Double.NaN);
            double relay = mine.stream().mapToDouble(RelayBenchmark.PathFigures::relayCpu).average().orElse(Double.NaN);
            double kbps = mine.stream().mapToDouble(RelayBenchmark.PathFigures::videoKbps).average().orElse(Double.NaN);
            return new Pooled(path, LatencySummary.ofNanos(ages), Math.round(kbps), round3(jvm), round3(relay),
                    SubjectFigures.Startup.of(startups));
        }

        double cpu() {
            return jvmCpu + relayCpu;
        }
    }

    static void write(RelaySettings settings, List<RelayBenchmark.PathFigures> results, double runSeconds)
            throws IOException {
        Pooled direct = Pooled.of("direct", results);
        Pooled relayed = Pooled.of("relayed", results);
        Files.createDirectories(settings.outputDirectory());
        String md = markdown(settings, results, direct, relayed, runSeconds);
        Files.writeString(settings.outputDirectory().resolve("relay.md"), md);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", COMMAND);
        json.put("settings", settings.toMap());
        json.put("runSeconds", runSeconds);
        json.put("direct", direct);
        json.put("relayed", relayed);
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (RelayBenchmark.PathFigures f : results) {
            Map<String, Object> round = new LinkedHashMap<>();
            round.put("path", f.path());
            round.put("round", f.round());
            round.put("candidatePair", f.pair());
            round.put("latency", f.latency().toMap());
            round.put("sinkFps", f.sinkFps());
            round.put("videoKbps", f.videoKbps());
            round.put("worstSecondMs", f.worstSecondMs());
            round.put("jvmCpuPerCallSecond", f.jvmCpu());
            round.put("relayCpuPerCallSecond", f.relayCpu());
            round.put("startup", f.startup());
            round.put("startupMs", LongStream.of(f.startups()).mapToDouble(n -> n < 0 ? -1 : n / 1e6).toArray());
            rounds.add(round);
        }
        json.put("rounds", rounds);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(settings.outputDirectory().resolve("relay.json").toFile(), json);
        System.out.println(md);
    }

    private static String markdown(RelaySettings settings, List<RelayBenchmark.PathFigures> results, Pooled direct,
                                   Pooled relayed, double runSeconds) {
        StringBuilder md = new StringBuilder("# Relay: a relayed call beside the same call direct\n\n")
                .append("Command: `").append(COMMAND).append("` (the JVM runs in the private network namespace of ")
                .append("`scripts/netns/bin/java`). Settings: `").append(settings.asFlags()).append("`.\n\n")
                .append(String.format(Locale.ROOT, "%d cores, Java %s, run time %.0f s.%n%n",
                        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), runSeconds))
                .append("A room server on port 0 and two engines in this JVM; A publishes the test pattern at ")
                .append(settings.size()).append(" (with its test tone), B plays it. **Direct**: no relay handed out, ")
                .append("both engines use every candidate, and the veth pair carries the media. **Relayed**: the ")
                .append("server hands out a real coturn (`turnserver`, UDP, on the veth address) with time-limited ")
                .append("credentials and both engines use the RELAY policy, so the media goes A → coturn → B. ")
                .append("The candidate pair is B's quality report. Rounds alternate, direct first.\n\n")
                .append("## Relayed beside direct\n\n")
                .append("| measure | direct | relayed | relayed − direct | ratio |\n|---|---|---|---|---|\n");
        row(md, "latency p50 (ms)", direct.latency().p50Ms(), relayed.latency().p50Ms());
        row(md, "latency p99 (ms)", direct.latency().p99Ms(), relayed.latency().p99Ms());
        row(md, "video kbit/s at B", direct.videoKbps(), relayed.videoKbps());
        row(md, "start-up p50 (ms)", direct.startup().p50Ms(), relayed.startup().p50Ms());
        row(md, "start-up p95 (ms)", direct.startup().p95Ms(), relayed.startup().p95Ms());
        row(md, "CPU s per call-second, this JVM", direct.jvmCpu(), relayed.jvmCpu());
        row(md, "CPU s per call-second, turnserver", direct.relayCpu(), relayed.relayCpu());
        row(md, "CPU s per call-second, both", direct.cpu(), relayed.cpu());
        md.append("\nLatency pools every frame of every round's ").append(settings.latencySeconds())
                .append(" s window (after ").append(settings.warmupSeconds())
                .append(" s of call); cost is the mean over rounds of the CPU time over ").append(settings.costSeconds())
                .append(" s right after it, per second of call; start-up pools the ")
                .append(settings.startupRuns()).append(" fresh connections of each round (from `startPlayingStream` ")
                .append("to the first frame in B's sink).\n\n")
                .append("## Each round\n\n| round | path | pair at B | frames | sink fps | kbps | p50 | p90 | p99 | max | worst 1 s ")
                .append("| JVM CPU | turnserver CPU | start-up p50 / p95 |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (RelayBenchmark.PathFigures f : results) {
            LatencySummary l = f.latency();
            md.append(String.format(Locale.ROOT, "| %d | %s | %s → %s%s | %d | %.1f | %s | %s | %s | %s | %s | %s | %.3f | %.3f | %s / %s |%n",
                    f.round(), f.path(), f.pair().local(), f.pair().remote(),
                    f.pair().relayProtocol().isEmpty() ? "" : " (" + f.pair().relayProtocol() + ")", l.count(), f.sinkFps(),
                    number(f.videoKbps()),
                    number(l.p50Ms()), number(l.p90Ms()), number(l.p99Ms()), number(l.maxMs()), number(f.worstSecondMs()),
                    f.jvmCpu(), f.relayCpu(), number(f.startup().p50Ms()), number(f.startup().p95Ms())));
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String measure, double direct, double relayed) {
        String ratio = direct == 0 ? "–" : String.format(Locale.ROOT, "%.2f", relayed / direct);
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", measure, number(direct), number(relayed),
                number(relayed - direct), ratio));
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, Math.abs(value) < 10 ? "%.3f" : "%.1f", value);
    }
}
