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

/**
 * The media-server benchmark's verdicts and its report files, {@code sfu.md} and {@code sfu.json}.
 * Stateless; called once on the main thread at the end of a run.
 */
final class SfuReport {
    static final String COMMAND = BenchPart.SFU.command();
    static final double PUBLISHER_FLAT_RATIO = 1.15;
    static final double LATENCY_RATIO = 1.15;
    static final double JANUS_PER_STREAM_CORE = 0.005;

    /**
     * Everything one run measured; a part that did not run is null.
     *
     * @param meshCost the publisher's cost in a mesh, by player count
     * @param sfuCost the same in an SFU room, starting with no player
     * @param latency push-to-sink latency through Janus, Parley and raw
     * @param meshRooms room sizes in a mesh
     * @param sfuRooms room sizes in SFU rooms
     * @param loadBefore the one-minute load average when the run began
     * @param loadAfter the same when it ended
     */
    record Run(List<PublisherCost.Step> meshCost, List<PublisherCost.Step> sfuCost, JanusLatency.Result latency,
               RoomCapacity.Result meshRooms, RoomCapacity.Result sfuRooms, double loadBefore, double loadAfter) {
    }

    /**
     * One target and whether the run met it.
     *
     * @param measure what was measured
     * @param value the figure
     * @param baseline what it is held against
     * @param target the target
     * @param met whether it held
     */
    record Verdict(String measure, String value, String baseline, String target, boolean met) {
    }

    private SfuReport() {
    }

    /** Janus's CPU seconds per second for each forwarded stream: the slope of a least-squares line through the SFU steps. */
    static double janusPerStream(List<PublisherCost.Step> sfu) {
        double n = sfu.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (PublisherCost.Step s : sfu) {
            sx += s.players();
            sy += s.janusCpu();
            sxx += (double) s.players() * s.players();
            sxy += s.players() * s.janusCpu();
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    static List<Verdict> verdicts(SfuSettings settings, Run run) {
        List<Verdict> verdicts = new ArrayList<>();
        if (run.sfuCost() != null && run.meshCost() != null) {
            List<PublisherCost.Step> sfu = run.sfuCost().stream().filter(s -> s.players() > 0).toList();
            List<PublisherCost.Step> mesh = run.meshCost();
            PublisherCost.Step sfuFirst = sfu.get(0);
            PublisherCost.Step sfuLast = sfu.get(sfu.size() - 1);
            double sfuRatio = sfuLast.publisherCpu() / sfuFirst.publisherCpu();
            double meshRatio = mesh.get(mesh.size() - 1).publisherCpu() / mesh.get(0).publisherCpu();
            verdicts.add(new Verdict(String.format(Locale.ROOT, "publisher CPU, SFU, %d → %d players", sfuFirst.players(),
                    sfuLast.players()), String.format(Locale.ROOT, "%.3f → %.3f (%.2f×)", sfuFirst.publisherCpu(),
                    sfuLast.publisherCpu(), sfuRatio), String.format(Locale.ROOT, "mesh %.3f → %.3f (%.2f×)",
                    mesh.get(0).publisherCpu(), mesh.get(mesh.size() - 1).publisherCpu(), meshRatio),
                    "SFU ≤ " + PUBLISHER_FLAT_RATIO + "× from first to last", sfuRatio <= PUBLISHER_FLAT_RATIO));
            boolean grows = true;
            for (int i = 1; i < mesh.size(); i++) {
                grows &= mesh.get(i).publisherCpu() > mesh.get(i - 1).publisherCpu();
            }
            verdicts.add(new Verdict("publisher CPU, mesh, every added player", mesh.stream()
                    .map(s -> String.format(Locale.ROOT, "%.3f", s.publisherCpu())).toList().toString(), "–",
                    "grows with every step", grows));
        }
        if (run.sfuCost() != null) {
            double perStream = janusPerStream(run.sfuCost());
            verdicts.add(new Verdict("Janus CPU per forwarded " + SfuSettings.name(settings.publisher()) + " stream",
                    String.format(Locale.ROOT, "%.2f %% of a core", perStream * 100),
                    "LiveKit 0.5 %, mediasoup about 0.2 % (published)", "≤ " + JANUS_PER_STREAM_CORE * 100 + " %",
                    perStream <= JANUS_PER_STREAM_CORE));
        }
        if (run.latency() != null) {
            double ratio = run.latency().parleyAll().p50Ms() / run.latency().rawAll().p50Ms();
            verdicts.add(new Verdict("latency through Janus p50 (all rounds)", ms(run.latency().parleyAll().p50Ms()),
                    "raw " + ms(run.latency().rawAll().p50Ms()) + String.format(Locale.ROOT, " (%.2f×)", ratio),
                    "≤ " + LATENCY_RATIO + "× raw", ratio <= LATENCY_RATIO));
        }
        if (run.meshRooms() != null && run.sfuRooms() != null) {
            verdicts.add(new Verdict("largest room, every stream ≥ min fps", "SFU " + run.sfuRooms().largest() + " users",
                    "mesh " + run.meshRooms().largest() + " users", "SFU above the mesh",
                    run.sfuRooms().largest() > run.meshRooms().largest()));
        }
        return verdicts;
    }

    static void write(SfuSettings settings, Run run, double runSeconds) throws IOException {
        List<Verdict> verdicts = verdicts(settings, run);
        Files.createDirectories(settings.outputDirectory());
        String md = markdown(settings, run, verdicts, runSeconds);
        Files.writeString(settings.outputDirectory().resolve("sfu.md"), md);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", COMMAND);
        json.put("settings", settings.toMap());
        json.put("runSeconds", runSeconds);
        json.put("loadBefore", run.loadBefore());
        json.put("loadAfter", run.loadAfter());
        json.put("verdicts", verdicts);
        json.put("meshCost", run.meshCost() == null ? null : run.meshCost().stream().map(PublisherCost::toMap).toList());
        json.put("sfuCost", run.sfuCost() == null ? null : run.sfuCost().stream().map(PublisherCost::toMap).toList());
        json.put("janusPerStreamCore", run.sfuCost() == null ? null : janusPerStream(run.sfuCost()));
        json.put("latency", run.latency());
        json.put("meshRooms", run.meshRooms());
        json.put("sfuRooms", run.sfuRooms());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(settings.outputDirectory().resolve("sfu.json").toFile(), json);
        System.out.println(md);
    }

    private static String markdown(SfuSettings settings, Run run, List<Verdict> verdicts, double runSeconds) {
        StringBuilder md = new StringBuilder("# Media server: SFU rooms through Janus beside the mesh and bare webrtc-java\n\n")
                .append("Command: `").append(COMMAND).append("` (the JVM runs in the private network namespace of ")
                .append("`scripts/netns/bin/java`). Settings: `").append(settings.asFlags()).append("`.\n\n")
                .append(String.format(Locale.ROOT, "%d cores, Java %s, run time %.0f s, load average %.2f at the start "
                                + "and %.2f at the end (other work shares this machine).%n%n",
                        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), runSeconds,
                        run.loadBefore(), run.loadAfter()))
                .append("## Targets\n\n| measure | value | baseline | target | met |\n|---|---|---|---|---|\n");
        for (Verdict v : verdicts) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", v.measure(), v.value(), v.baseline(),
                    v.target(), v.met() ? "met" : "**not met**"));
        }
        if (run.meshCost() != null || run.sfuCost() != null) {
            md.append("\n## Publisher cost\n\nThe publisher is the headless bot (`parley call --headless`) in a process of ")
                    .append("its own, sending the test pattern at ").append(SfuSettings.name(settings.publisher()))
                    .append(" ").append(settings.publisher().fps()).append(" fps (bitrate cap ")
                    .append(settings.publisher().bitrateKbps()).append(" kbit/s; in an SFU room three simulcast layers). ")
                    .append("Players are engines in the benchmark's JVM, added one by one, playing the full size (BIG in ")
                    .append("the SFU room). Each window: ").append(settings.windowSeconds()).append(" s after ")
                    .append(settings.warmupSeconds()).append(" s. CPU is CPU seconds per second of call: the publisher's ")
                    .append("process and Janus from `/proc/PID/stat`, the players' JVM from `getProcessCpuTime`. \"Sent\" ")
                    .append("is from the publisher's quality reports in the window (encoded fps of its first connection, kbit/s of all), ")
                    .append("which read one video encoding per connection: in an SFU room one simulcast layer, the size given.")
                    .append(" \"Received\" is what the players' sinks counted.\n\n")
                    .append("| mode | players | publisher CPU | Janus CPU | players' JVM CPU | sent fps | sent kbit/s (size) | ")
                    .append("received fps min / median | received sizes | load |\n|---|---|---|---|---|---|---|---|---|---|\n");
            costRows(md, "mesh", run.meshCost());
            costRows(md, "SFU", run.sfuCost());
            if (run.sfuCost() != null) {
                md.append(String.format(Locale.ROOT, "%nJanus per forwarded stream: the slope of Janus's CPU over the player "
                        + "count (least squares over the SFU rows, 0 players included): %.4f CPU s per s, %.2f %% of a core.%n",
                        janusPerStream(run.sfuCost()), janusPerStream(run.sfuCost()) * 100));
            }
        }
        if (run.latency() != null) {
            md.append("\n## Latency through Janus\n\nPush-to-sink age of the ").append(SfuSettings.name(settings.publisher()))
                    .append(" frames (the send time the pattern carries, read at the receiver's sink), over ")
                    .append(settings.latencySeconds()).append(" s after ").append(settings.warmupSeconds())
                    .append(" s, only frames of the full width counted. **Parley**: a room server with SFU rooms on the ")
                    .append("Janus it starts; engine A publishes (three simulcast layers and the test tone), engine B plays ")
                    .append("BIG. **Raw**: bare webrtc-java peers (`RawSfuPeer`: a headless audio module and factory each) ")
                    .append("publish the same layers with the same caps to a Janus of the same configuration through the ")
                    .append("media-server API and subscribe to layer 2; no Parley code carries the media. The two run in ")
                    .append("turn, one alive at a time, ").append(settings.latencyRounds()).append(" rounds. Milliseconds.\n\n")
                    .append("| round | subject | frames | p50 | p90 | p99 | max | other sizes | load |\n|---|---|---|---|---|---|---|---|---|\n");
            for (int i = 0; i < run.latency().parley().size(); i++) {
                latencyRow(md, Integer.toString(i + 1), "Parley", run.latency().parley().get(i));
                latencyRow(md, Integer.toString(i + 1), "raw", run.latency().raw().get(i));
            }
            latencyRow(md, "all", "Parley", new JanusLatency.Window(run.latency().parleyAll(), 0, Double.NaN));
            latencyRow(md, "all", "raw", new JanusLatency.Window(run.latency().rawAll(), 0, Double.NaN));
        }
        if (run.meshRooms() != null || run.sfuRooms() != null) {
            md.append("\n## Largest room\n\nRooms of 2, 3, … users, each an engine in the benchmark's JVM publishing the ")
                    .append("test pattern at ").append(SfuSettings.name(settings.room())).append(" ")
                    .append(settings.room().fps()).append(" fps (cap ").append(settings.room().bitrateKbps())
                    .append(" kbit/s) and playing everyone else's stream, a fresh server each; a room holds when every ")
                    .append("played stream received ").append(number(settings.roomMinFps())).append(" fps or more over ")
                    .append(settings.roomWindowSeconds()).append(" s after ").append(settings.warmupSeconds())
                    .append(" s. The sizes stop at the first that does not hold.\n\n")
                    .append("| mode | users | streams played | fps min / median | holds | JVM CPU | Janus CPU | load |\n")
                    .append("|---|---|---|---|---|---|---|---|\n");
            roomRows(md, "mesh", run.meshRooms());
            roomRows(md, "SFU", run.sfuRooms());
        }
        return md.toString();
    }

    private static void costRows(StringBuilder md, String mode, List<PublisherCost.Step> steps) {
        if (steps == null) {
            return;
        }
        for (PublisherCost.Step s : steps) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %s | %.3f | %s | %s | %s | %s | %.2f |%n", mode,
                    s.players(), s.publisherCpu(), Double.isNaN(s.janusCpu()) ? "–" : String.format(Locale.ROOT, "%.3f",
                            s.janusCpu()), s.playersCpu(), number(s.sentFps()),
                    number(s.sentKbps()) + " (" + s.sentSize() + ")", s.received().streams() == 0 ? "–" : number(s.received().minFps()) + " / " + number(s.received().medianFps()),
                    s.received().sizesText(), s.load()));
        }
    }

    private static void roomRows(StringBuilder md, String mode, RoomCapacity.Result result) {
        if (result == null) {
            return;
        }
        for (RoomCapacity.Size s : result.sizes()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s / %s | %s | %.3f | %s | %.2f |%n", mode, s.users(),
                    s.received().streams(), number(s.received().minFps()), number(s.received().medianFps()),
                    s.holds() ? "yes" : s.allFlowing() ? "no" : "no (not every stream started)", s.processCpu(),
                    Double.isNaN(s.janusCpu()) ? "–" : String.format(Locale.ROOT, "%.3f", s.janusCpu()), s.load()));
        }
    }

    private static void latencyRow(StringBuilder md, String round, String subject, JanusLatency.Window w) {
        LatencySummary l = w.latency();
        md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %d | %s |%n", round, subject, l.count(),
                number(l.p50Ms()), number(l.p90Ms()), number(l.p99Ms()), number(l.maxMs()), w.otherSize(),
                Double.isNaN(w.load()) ? "–" : String.format(Locale.ROOT, "%.2f", w.load())));
    }

    private static String ms(double v) {
        return number(v) + " ms";
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, value < 10 ? "%.3f" : "%.1f", value);
    }
}
