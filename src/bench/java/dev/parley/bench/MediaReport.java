package dev.parley.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.parley.engine.VideoConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The media benchmark's verdicts and its report files, {@code media.md} and {@code media.json}.
 * Stateless; called once on the main thread at the end of a run.
 */
final class MediaReport {
    static final String COMMAND = BenchPart.MEDIA.command();
    private static final double LATENCY_RATIO = 1.15;
    private static final double STARTUP_RATIO = 1.3;
    private static final double STARTUP_P95_720P_MS = 400;
    private static final double COST_RATIO = 1.2;

    /**
     * Both subjects' figures at one size.
     *
     * @param config the size, rate and bitrate cap both used
     * @param parley Parley's figures
     * @param raw the raw baseline's figures
     */
    record Measured(VideoConfig config, SubjectFigures parley, SubjectFigures raw) {
        String size() {
            return MediaSettings.name(config);
        }
    }

    private MediaReport() {
    }

    static List<MediaRow> verdicts(List<Measured> results) {
        List<MediaRow> rows = new ArrayList<>();
        for (Measured m : results) {
            rows.add(MediaRow.ratio("latency p50 (ms)", m.size(), m.parley().latency().p50Ms(), m.raw().latency().p50Ms(),
                    LATENCY_RATIO));
        }
        for (Measured m : results) {
            SubjectFigures.Startup p = m.parley().startup();
            SubjectFigures.Startup r = m.raw().startup();
            rows.add(MediaRow.ratio("start-up p50 (ms)", m.size(), p.p50Ms(), r.p50Ms(), STARTUP_RATIO));
            rows.add(MediaRow.ratio("start-up p95 (ms)", m.size(), p.p95Ms(), r.p95Ms(), STARTUP_RATIO));
            if (m.config().height() == 720) {
                rows.add(MediaRow.below("start-up p95 (ms), absolute", m.size(), p.p95Ms(), r.p95Ms(),
                        STARTUP_P95_720P_MS, "ms"));
            }
        }
        for (Measured m : results) {
            if (!Double.isNaN(m.parley().cpuPerCallSecond())) {
                rows.add(MediaRow.ratio("CPU s per call-second", m.size(), m.parley().cpuPerCallSecond(),
                        m.raw().cpuPerCallSecond(), COST_RATIO));
            }
        }
        return rows;
    }

    static void write(MediaSettings settings, List<Measured> results, double runSeconds) throws IOException {
        List<MediaRow> rows = verdicts(results);
        Files.createDirectories(settings.outputDirectory());
        String md = markdown(settings, results, rows, runSeconds);
        Files.writeString(settings.outputDirectory().resolve("media.md"), md);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", COMMAND);
        json.put("settings", settings.toMap());
        json.put("runSeconds", runSeconds);
        json.put("verdicts", rows);
        json.put("measured", results);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(settings.outputDirectory().resolve("media.json").toFile(), json);
        System.out.println(md);
    }

    private static String markdown(MediaSettings settings, List<Measured> results, List<MediaRow> rows, double runSeconds) {
        StringBuilder md = new StringBuilder("# Media: Parley beside bare webrtc-java\n\n")
                .append("Command: `").append(COMMAND).append("` (the JVM runs in the private network namespace of ")
                .append("`scripts/netns/bin/java`). Settings: `").append(settings.asFlags()).append("`.\n\n")
                .append(String.format(Locale.ROOT, "%d cores, Java %s, run time %.0f s.%n%n",
                        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), runSeconds))
                .append("Both subjects run in this one JVM, one alive at a time, with the ")
                .append("test pattern at the same size, rate and bitrate cap (VP8). **Parley**: a room server on port 0 and ")
                .append("two engines; A publishes the test pattern (with its test tone), B plays it. **Raw**: one ")
                .append("`HeadlessAudioDeviceModule` and factory, a `CustomVideoSource` fed the same pattern, a send-only ")
                .append("and a receiving peer connection negotiated in-process, a `VideoTrackSink` at B; every webrtc-java ")
                .append("call on one thread; video only.\n\nWhat Parley carries beyond the baseline: an engine (and ")
                .append("factory) at each end, the server's relay for the negotiation, quality stats every 3 s, and the ")
                .append("test tone in the same stream as the video, so B's WebRTC keeps the video in sync with the audio. ")
                .append("Parley starts A's pattern source with the first send connection of each play; the baseline's ")
                .append("source runs throughout.\n\nLatency is measured in ").append(settings.latencyRounds())
                .append(" rounds per size that alternate the subjects (Parley then raw, raw then Parley, ...), each ")
                .append("window on a freshly opened subject, so that both meet the same load; the figures pool all ")
                .append("rounds. Cost and start-up follow, once per subject.\n\n## Targets\n\n")
                .append("| measure | size | Parley | raw | ratio | target | met |\n|---|---|---|---|---|---|---|\n");
        for (MediaRow r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %s | %s |%n", r.measure(), r.size(),
                    number(r.parley()), number(r.raw()), r.ratio(), r.target(), r.met() ? "met" : "**not met**"));
        }
        md.append("\n## Latency\n\nFrom the frame pushed at A (the send time the pattern carries in its pixels, ms) to ")
                .append("the frame delivered to B's sink, over ").append(settings.latencyRounds()).append(" windows of ")
                .append(settings.latencySeconds()).append(" s, each after ").append(settings.warmupSeconds())
                .append(" s of call. Milliseconds.\n\n")
                .append("\"Worst 1 s\" is the highest median over any one second of the window: a latency that ")
                .append("climbs and stays a while shows there, a lone spike does not.\n\n")
                .append("| size | subject | frames | sink fps | p50 | p90 | p99 | mean | max | worst 1 s | unreadable |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Measured m : results) {
            latencyRow(md, m.size(), "Parley", m.parley());
            latencyRow(md, m.size(), "raw", m.raw());
        }
        md.append("\nEach round's median (and the one-minute load average at its end), in the order measured:\n\n")
                .append("| size | subject | rounds: p50 ms (load) |\n|---|---|---|\n");
        for (Measured m : results) {
            roundsRow(md, m.size(), "Parley", m.parley());
            roundsRow(md, m.size(), "raw", m.raw());
        }
        md.append("\n## Start-up\n\nFrom asking to play (Parley: `startPlayingStream`; raw: creating the peer-connection ")
                .append("pair) to the first frame in B's sink; a new connection every run, ").append(settings.startupRuns())
                .append(" runs after one unmeasured one, ").append(settings.settleMillis())
                .append(" ms apart. Milliseconds.\n\n| size | subject | runs | p50 | p95 | max | no frame in 10 s |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Measured m : results) {
            startupRow(md, m.size(), "Parley", m.parley().startup());
            startupRow(md, m.size(), "raw", m.raw().startup());
        }
        md.append("\n## Cost\n\nProcess CPU time (`OperatingSystemMXBean#getProcessCpuTime`) over ")
                .append(settings.costSeconds()).append(" s of steady call after its warm-up, per second ")
                .append("of call; the whole JVM, both ends of the call.\n\n| size | subject | CPU s per call-second |\n|---|---|---|\n");
        for (Measured m : results) {
            if (!Double.isNaN(m.parley().cpuPerCallSecond())) {
                md.append(String.format(Locale.ROOT, "| %s | Parley | %.3f |%n| %s | raw | %.3f |%n", m.size(),
                        m.parley().cpuPerCallSecond(), m.size(), m.raw().cpuPerCallSecond()));
            }
        }
        return md.toString();
    }

    private static void latencyRow(StringBuilder md, String size, String subject, SubjectFigures f) {
        LatencySummary l = f.latency();
        md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %s | %s | %s | %s | %s | %s | %d |%n", size,
                subject, l.count(), f.sinkFps(), number(l.p50Ms()), number(l.p90Ms()), number(l.p99Ms()),
                number(l.meanMs()), number(l.maxMs()), number(f.worstSecondMs()), f.unreadable()));
    }

    private static void roundsRow(StringBuilder md, String size, String subject, SubjectFigures f) {
        md.append("| ").append(size).append(" | ").append(subject).append(" | ").append(String.join(", ", f.rounds().stream()
                .map(r -> number(r.p50Ms()) + String.format(Locale.ROOT, " (%.1f)", r.load())).toList())).append(" |\n");
    }

    private static void startupRow(StringBuilder md, String size, String subject, SubjectFigures.Startup s) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %d |%n", size, subject, s.runs(),
                number(s.p50Ms()), number(s.p95Ms()), number(s.maxMs()), s.missing()));
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, value < 10 ? "%.3f" : "%.1f", value);
    }
}
