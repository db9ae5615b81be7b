package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code parley call --headless} bot in a child JVM, started as a user starts it (the CLI's main
 * class on the class path, with the given Java options), its JSON lines on stdout going to a file.
 * Not thread-safe; the benchmark's main thread drives it.
 */
final class BotProcess implements AutoCloseable {
    private static final Pattern FRAMES = Pattern.compile("\"event\":\"frames\",\"streamID\":\"([^\"]+)\",\"frames\":(\\d+)");
    private final String userId;
    private final Process process;
    private final Path output;

    private BotProcess(String userId, Process process, Path output) {
        this.userId = userId;
        this.process = process;
        this.output = output;
    }

    static BotProcess start(String userId, String room, String serverUrl, List<String> javaOptions, String classPath,
                            LongCallSettings settings, int seconds, Path directory) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.addAll(List.of("-cp", classPath, "dev.parley.cli.ParleyCli", "call", "--headless", "--server", serverUrl,
                "--room", room, "--user", userId, "--resolution", settings.size(), "--fps", Integer.toString(settings.fps()),
                "--duration", Integer.toString(seconds)));
        Path out = directory.resolve(userId + ".jsonl");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(directory.resolve(userId + ".err").toFile())
                .start();
        return new BotProcess(userId, process, out);
    }

    String userId() {
        return userId;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The resident memory of the bot's JVM in KiB (VmRSS), or -1 once it has gone. */
    long rssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between the check and the read
        }
        return -1;
    }

    /** The frame count of the last {@code frames} line of each stream the bot played. */
    java.util.Map<String, Long> framesPlayed() throws IOException {
        java.util.Map<String, Long> frames = new java.util.TreeMap<>();
        for (String line : Files.readAllLines(output)) {
            Matcher m = FRAMES.matcher(line);
            if (m.find()) {
                frames.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        return frames;
    }

    /** Writes the bot's thread dump ({@code jcmd PID Thread.print}) next to its output, for a call that did not hold. */
    void dumpThreads() {
        try {
            Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectOutput(output.resolveSibling(userId + ".threads.txt").toFile())
                    .redirectErrorStream(true).start();
            if (!dump.waitFor(20, TimeUnit.SECONDS)) {
                dump.destroyForcibly();
            }
        } catch (IOException e) {
            // no dump; the figures stand without it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the bot to end by itself, then makes it. */
    @Override
    public void close() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
