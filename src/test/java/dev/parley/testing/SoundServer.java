package dev.parley.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * A private PulseAudio server for one test, where the test JVM's engines look for one
 * ({@code PULSE_SERVER}, set by {@code scripts/netns/bin/java}). Its default microphone plays a
 * steady {@link #MICROPHONE_HZ} tone; what engines play goes to a silent sink whose monitor
 * {@link #recordSpeaker} reads, so a test hears exactly what reached the "speakers".
 *
 * <p>Without the wrapper's variables or without {@code pulseaudio} and {@code parec} (Debian
 * packages pulseaudio and pulseaudio-utils), the test is skipped with a message. Used from the
 * test's thread; {@link #close()} stops the daemon, after which engines find no sound server.
 */
public final class SoundServer implements AutoCloseable {
    public static final int MICROPHONE_HZ = 660;
    public static final int RATE = 48_000;

    private final Path dir;
    private final Path socket;
    private final Process daemon;
    private final List<String> pluggedModules = new java.util.ArrayList<>();

    private SoundServer(Path dir, Process daemon) {
        this.dir = dir;
        this.socket = dir.resolve("native");
        this.daemon = daemon;
    }

    public static SoundServer start() {
        return start(true);
    }

    /** A sound server with speakers only: its default input is the speakers' monitor, as on a machine without a microphone. */
    public static SoundServer startWithoutMicrophone() {
        return start(false);
    }

    private static SoundServer start(boolean microphone) {
        String location = System.getenv("PARLEY_TEST_PULSE_DIR");
        Assumptions.assumeTrue(location != null,
                "the sound test needs the test JVM started through scripts/netns/bin/java (Linux)");
        Assumptions.assumeTrue(onPath("pulseaudio") && onPath("parec"),
                "the sound test needs pulseaudio and parec: apt-get install pulseaudio pulseaudio-utils");
        Path dir = Path.of(location);
        try {
            Files.createDirectories(dir.resolve("runtime"));
            Files.createDirectories(dir.resolve("home"));
            Files.deleteIfExists(dir.resolve("native"));
            List<String> config = new java.util.ArrayList<>(List.of(
                    ".fail",
                    "load-module module-native-protocol-unix auth-anonymous=1 socket=" + dir.resolve("native"),
                    "load-module module-null-sink sink_name=speaker rate=48000 channels=1"
                            + " sink_properties=device.description=Test_Speaker",
                    "set-default-sink speaker"));
            if (microphone) {
                config.addAll(List.of(
                        // a tone played into a silent sink and read back as a source keeps the sound card's clock
                        "load-module module-null-sink sink_name=feed rate=48000 channels=1"
                                + " sink_properties=device.description=Tone_Feed",
                        "load-module module-sine sink=feed frequency=" + MICROPHONE_HZ,
                        "load-module module-remap-source source_name=mic master=feed.monitor channels=1"
                                + " source_properties=device.description=Test_Microphone",
                        "set-default-source mic"));
            }
            Files.write(dir.resolve("parley.pa"), config);
            ProcessBuilder builder = new ProcessBuilder("pulseaudio", "--daemonize=no", "-n", "-F",
                    dir.resolve("parley.pa").toString(), "--exit-idle-time=-1", "--disallow-exit",
                    "--use-pid-file=no", "--log-target=stderr")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("log").toFile());
            builder.environment().put("XDG_RUNTIME_DIR", dir.resolve("runtime").toString());
            builder.environment().put("HOME", dir.resolve("home").toString());
            SoundServer server = new SoundServer(dir, builder.start());
            Awaitility.await("PulseAudio answers").atMost(Duration.ofSeconds(10))
                    .until(() -> !server.daemon.isAlive() || server.answers());
            if (!server.daemon.isAlive()) {
                throw new IllegalStateException("pulseaudio exited: " + Files.readString(dir.resolve("log")));
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        return List.of(path.split(":")).stream().anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }

    private boolean answers() {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
    }

    /** Plugs in a microphone playing {@code hz} and makes it the default, as a USB headset would. */
    public void plugMicrophone(int hz) {
        pluggedModules.add(pactl("load-module", "module-null-sink", "sink_name=plugfeed", "rate=48000", "channels=1"));
        pluggedModules.add(pactl("load-module", "module-sine", "sink=plugfeed", "frequency=" + hz));
        pluggedModules.add(pactl("load-module", "module-remap-source", "source_name=plugmic", "master=plugfeed.monitor",
                "channels=1", "source_properties=device.description=Plugged_Microphone"));
        pactl("set-default-source", "plugmic");
    }

    /** Unplugs the microphone of {@link #plugMicrophone}. */
    public void unplugMicrophone() {
        for (int i = pluggedModules.size() - 1; i >= 0; i--) {
            pactl("unload-module", pluggedModules.get(i));
        }
        pluggedModules.clear();
    }

    private static String pactl(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("pactl"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Records the speakers for {@code listen} again and again until a recording passes {@code test},
     * within {@code atMost}; returns that recording.
     */
    public short[] awaitSpeaker(String what, Duration atMost, Duration listen, Predicate<short[]> test) {
        AtomicReference<short[]> last = new AtomicReference<>();
        Awaitility.await(what).atMost(atMost).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).until(() -> {
            short[] samples = recordSpeaker(listen);
            last.set(samples);
            return test.test(samples);
        });
        return last.get();
    }

    /**
     * Records until each tone at {@code hz} is heard at a level that holds within 1 dB from one
     * recording of {@code listen} to the next, and returns the last recording: a reference that a
     * level change is measured against once the jitter buffers have settled.
     */
    public short[] awaitSteadyTones(Duration atMost, Duration listen, double... hz) {
        short[][] previous = {recordSpeaker(listen)};
        return awaitSpeaker("steady levels of " + java.util.Arrays.toString(hz) + " Hz", atMost, listen, s -> {
            boolean steady = true;
            for (double f : hz) {
                double before = toneRms(previous[0], f);
                double now = toneRms(s, f);
                steady &= toneShare(s, f) > 0.05 && before > 0 && Math.abs(20 * Math.log10(now / before)) < 1;
            }
            previous[0] = s;
            return steady;
        });
    }

    /** The level of the component at {@code hz} in dB relative to an RMS amplitude {@code reference}. */
    public static double toneDb(short[] samples, double hz, double reference) {
        return 20 * Math.log10(toneRms(samples, hz) / reference);
    }

    /** What the speakers play for {@code length}: mono 16-bit samples at {@link #RATE}. */
    public short[] recordSpeaker(Duration length) {
        int bytes = (int) (length.toMillis() * RATE / 1000) * 2;
        try {
            Process parec = new ProcessBuilder("parec", "-d", "speaker.monitor", "--latency-msec=20", "--raw",
                    "--format=s16le", "--rate=" + RATE, "--channels=1")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (InputStream in = parec.getInputStream()) {
                byte[] raw = in.readNBytes(bytes);
                short[] samples = new short[raw.length / 2];
                ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
                return samples;
            } finally {
                parec.destroy();
                parec.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new short[0];
        }
    }

    /**
     * How much of the signal's energy is at {@code hz} (Goertzel): about 1 for a pure tone at that
     * frequency, about 0 for silence or another tone.
     */
    public static double toneShare(short[] samples, double hz) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / RATE);
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        for (short v : samples) {
            double s = v + coefficient * s1 - s2;
            s2 = s1;
            s1 = s;
            energy += (double) v * v;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return energy == 0 ? 0 : 2 * power / (samples.length * energy);
    }

    /** The RMS amplitude of the signal's component at {@code hz}, 0 to 32768 (a tone's amplitude over √2). */
    public static double toneRms(short[] samples, double hz) {
        return Math.sqrt(toneShare(samples, hz)) * rms(samples);
    }

    /** Root mean square of the samples, 0 to 32768. */
    public static double rms(short[] samples) {
        double sum = 0;
        for (short v : samples) {
            sum += (double) v * v;
        }
        return samples.length == 0 ? 0 : Math.sqrt(sum / samples.length);
    }

    @Override
    public void close() {
        daemon.destroy();
        try {
            if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "SoundServer[" + dir + "]";
    }
}
