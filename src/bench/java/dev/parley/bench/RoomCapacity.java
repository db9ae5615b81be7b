package dev.parley.bench;

import dev.parley.engine.Canvas;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.VideoConfig;
import dev.parley.protocol.MediaMode;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The largest room this machine holds: rooms of 2, 3, ... users (engines in this JVM), each
 * publishing the test pattern and playing everyone else's, until one of the played streams falls
 * below the rate the settings ask for. Each size gets a fresh server (and, for SFU, a fresh
 * Janus). Main thread only.
 */
final class RoomCapacity {
    private final SfuSettings settings;

    RoomCapacity(SfuSettings settings) {
        this.settings = settings;
    }

    /**
     * One room size.
     *
     * @param users users in the room, each publishing and playing the others
     * @param received what all the played streams received ({@code users × (users − 1)} of them)
     * @param allFlowing whether every stream had frames before the window
     * @param processCpu this JVM's CPU seconds per second (every engine)
     * @param janusCpu Janus's, NaN in a mesh
     * @param load the system's one-minute load average at the window's end
     * @param holds whether every stream flowed at the rate asked for
     */
    record Size(int users, PlayedStreams.Window received, boolean allFlowing, double processCpu, double janusCpu, double load,
                boolean holds) {
    }

    /**
     * Every size tried, and the largest that held.
     *
     * @param sizes in order; the last one is the first that failed, unless the largest tried held
     * @param largest the most users with every stream at the rate, 1 if even two failed
     */
    record Result(List<Size> sizes, int largest) {
    }

    Result run(MediaMode mode) throws Exception {
        List<Size> sizes = new ArrayList<>();
        int largest = 1;
        for (int users = 2; users <= settings.roomMaxUsers(); users++) {
            Size size = measure(mode, users);
            System.out.println("sfu bench: room " + mode + " " + size);
            sizes.add(size);
            if (!size.holds()) {
                break;
            }
            largest = users;
        }
        return new Result(sizes, largest);
    }

    private Size measure(MediaMode mode, int users) throws Exception {
        VideoConfig video = settings.room();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (BenchCall call = BenchCall.start(SfuBenchmark.media(mode))) {
            List<ParleyEngine> engines = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                engines.add(call.publisher("room", "user" + i, "user" + i + "_main", video));
            }
            PlayedStreams played = new PlayedStreams();
            for (int i = 0; i < users; i++) {
                for (int j = 0; j < users; j++) {
                    if (i != j) {
                        engines.get(i).startPlayingStream("user" + j + "_main", new Canvas(played.add()));
                    }
                }
            }
            boolean flowing = played.awaitFrames(0, 30);
            PublisherCost.pause(settings.warmupSeconds());
            ProcessCpu janus = mode == MediaMode.SFU ? new ProcessCpu(call.server().mediaServer().process().pid()) : null;
            double janusStart = janus == null ? 0 : janus.seconds();
            long cpuStart = os.getProcessCpuTime();
            long wallStart = System.nanoTime();
            played.startWindow();
            PublisherCost.pause(settings.roomWindowSeconds());
            PlayedStreams.Window received = played.endWindow();
            double wall = (System.nanoTime() - wallStart) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9 / wall;
            double janusCpu = janus == null ? Double.NaN : (janus.seconds() - janusStart) / wall;
            return new Size(users, received, flowing, PublisherCost.round3(cpu), PublisherCost.round3(janusCpu),
                    os.getSystemLoadAverage(), flowing && received.minFps() >= settings.roomMinFps());
        }
    }
}
