package dev.parley.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.engine.Canvas;
import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PlayerConfig;
import dev.parley.engine.PlayerState;
import dev.parley.engine.PublishStreamQuality;
import dev.parley.engine.PublisherState;
import dev.parley.engine.RoomStateChangedReason;
import dev.parley.engine.UpdateType;
import dev.parley.engine.User;
import dev.parley.engine.VideoConfig;
import dev.parley.engine.VideoStreamType;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MediaMode;
import dev.parley.server.MediaConfig;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.EventRecorder.PublisherStateUpdate;
import dev.parley.testing.EventRecorder.StreamUpdate;
import dev.parley.testing.JanusAdmin;
import dev.parley.testing.TestJanus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Engines in an SFU room: each publishes once to the Janus the room server started, and plays the
 * others' streams from it, with every callback meaning what it means in a mesh.
 */
class SfuCallTest {
    private static final Duration MEDIA = Duration.ofSeconds(30);
    @RegisterExtension
    final MediaRoom room = new MediaRoom();

    /** Records publisher quality reports too. */
    static final class Recorder extends EventRecorder {
        final List<PublishStreamQuality> published = new CopyOnWriteArrayList<>();
        final List<PlayerState> playerStates = new CopyOnWriteArrayList<>();

        @Override
        public void onPublisherQualityUpdate(String streamID, PublishStreamQuality quality) {
            published.add(quality);
        }

        @Override
        public void onPlayerStateUpdate(String streamID, PlayerState state, int errorCode, String extendedData) {
            playerStates.add(state);
        }
    }

    @BeforeEach
    void sfuServer() {
        TestJanus.assumeAvailable();
        room.replaceServer(b -> b.media(MediaConfig.MESH.withAllApps(MediaMode.SFU).withManagedJanus(TestJanus.config())));
    }

    private JanusAdmin janus() {
        return new JanusAdmin(room.server().mediaServer().process().endpoint());
    }

    private ParleyEngine publisher(Recorder events, String userId, VideoConfig video) {
        return room.publisher(events, "sfu", userId, userId + "_main", e -> e.setVideoConfig(video));
    }

    private static void assertPatternFlows(FrameCounterSink sink, int width) {
        Awaitility.await("frames of " + width).atMost(MEDIA).until(() -> sink.frames() > 10 && sink.width() == width);
        long counter = sink.lastMarks().frameCounter();
        Awaitility.await("the pattern counter advancing").atMost(MEDIA)
                .until(() -> sink.lastMarks().frameCounter() > counter + 5);
        long age = sink.lastMarks().ageMillis(System.currentTimeMillis());
        assertTrue(age < 2000, "frames are " + age + " ms old"); // fresh, not replayed; loose for a loaded machine
    }

    @Test
    void threeEnginesCallThroughTheMediaServer() {
        VideoConfig small = new VideoConfig(640, 360, 30, 800);
        List<Recorder> recorders = new ArrayList<>();
        List<ParleyEngine> engines = new ArrayList<>();
        String[] users = {"alice", "bob", "carol"};
        for (String user : users) {
            Recorder events = new Recorder();
            recorders.add(events);
            engines.add(publisher(events, user, small));
        }
        List<FrameCounterSink> sinks = new ArrayList<>();
        for (int i = 0; i < users.length; i++) {
            for (int j = 0; j < users.length; j++) {
                if (i != j) {
                    FrameCounterSink sink = new FrameCounterSink();
                    sinks.add(sink);
                    engines.get(i).startPlayingStream(users[j] + "_main", new Canvas(sink));
                }
            }
        }
        sinks.forEach(sink -> assertPatternFlows(sink, 640));
        // one publisher handle per stream and one subscriber handle per play, nothing else
        assertEquals(3 + 6, janus().handles().size());
        for (Recorder events : recorders) {
            assertTrue(events.playerStates.contains(PlayerState.PLAYING), events.playerStates.toString());
            Awaitility.await("a quality report with video").atMost(MEDIA)
                    .until(() -> events.published.stream().anyMatch(q -> q.videoKBPS() > 0));
            // one send connection, to the media server, with two players
            assertTrue(events.published.stream().filter(q -> q.videoKBPS() > 0).allMatch(q -> q.players() == 1),
                    events.published.toString());
        }
    }

    @Test
    void thePublisherHoldsOneSendConnectionWithOneThreeAndFivePlayers() {
        Recorder alice = new Recorder();
        publisher(alice, "alice", new VideoConfig(640, 360, 30, 800));
        int players = 0;
        for (int target : new int[] {1, 3, 5}) {
            while (players < target) {
                players++;
                FrameCounterSink sink = new FrameCounterSink();
                room.player(new EventRecorder(), "sfu", "player-" + players, "alice_main", sink);
                assertPatternFlows(sink, 640);
            }
            int reportsBefore = alice.published.size();
            Awaitility.await("a quality report after " + target + " players").atMost(MEDIA)
                    .until(() -> alice.published.size() > reportsBefore + 1);
            PublishStreamQuality last = alice.published.get(alice.published.size() - 1);
            assertEquals(1, last.players(), "send connections with " + target + " players: " + last);
            assertEquals(1 + target, janus().handles().size());
        }
    }

    @Test
    void switchingLayersChangesTheReceivedFrameSize() {
        publisher(new Recorder(), "alice", new VideoConfig(1280, 720, 30, 1500));
        FrameCounterSink sink = new FrameCounterSink();
        EventRecorder playerEvents = new EventRecorder();
        ParleyEngine player = room.engine(playerEvents);
        player.loginRoom("sfu", new User("bob"));
        playerEvents.awaitReason(RoomStateChangedReason.LOGINED);
        player.startPlayingStream("alice_main", new Canvas(sink), new PlayerConfig(VideoStreamType.SMALL));
        assertPatternFlows(sink, 320);
        assertEquals(180, sink.height());
        player.setPlayStreamVideoType("alice_main", VideoStreamType.BIG);
        assertPatternFlows(sink, 1280);
        assertEquals(720, sink.height());
        player.setPlayStreamVideoType("alice_main", VideoStreamType.SMALL);
        assertPatternFlows(sink, 320);
    }

    /**
     * DEFAULT lets the server choose: when what Janus sends is dropped on the way (packets from
     * Janus's media ports limited to 40 kB/s with nftables in the test namespace), Janus reports
     * the losses and the player drops to a smaller layer; once the limit goes, it climbs back.
     */
    @Test
    void theDefaultLayerDropsOnAThrottledLinkAndComesBack() throws Exception {
        publisher(new Recorder(), "alice", new VideoConfig(1280, 720, 30, 1500));
        FrameCounterSink sink = new FrameCounterSink();
        room.player(new EventRecorder(), "sfu", "bob", "alice_main", sink);
        assertPatternFlows(sink, 1280);

        room.afterTest(() -> {
            // gone already unless the test failed before removing it
            try {
                nft("delete table inet parley_throttle");
            } catch (IllegalStateException gone) {
                // nothing left to undo
            }
        });
        nft("add table inet parley_throttle");
        nft("add chain inet parley_throttle out { type filter hook output priority 0 ; }");
        nft("add rule inet parley_throttle out udp sport " + TestJanus.RTP_PORTS + " limit rate over 40 kbytes/second drop");
        Awaitility.await("a smaller layer on the throttled link").atMost(MEDIA).until(() -> sink.width() < 1280);

        nft("delete table inet parley_throttle");
        Awaitility.await("the full size again").atMost(Duration.ofSeconds(60)).until(() -> sink.width() == 1280);
        assertPatternFlows(sink, 1280);
    }

    private static void nft(String command) throws Exception {
        List<String> argv = new ArrayList<>(List.of("nft"));
        argv.addAll(List.of(command.split(" ")));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("nft " + command + ": " + out);
        }
    }

    @Test
    void janusKilledMidCallComesBackWithTheDocumentedEventsAndNoDuplicateStreams() {
        Recorder alice = new Recorder();
        publisher(alice, "alice", new VideoConfig(640, 360, 30, 800));
        FrameCounterSink sink = new FrameCounterSink();
        Recorder bob = new Recorder();
        room.player(bob, "sfu", "bob", "alice_main", sink);
        assertPatternFlows(sink, 640);
        long pid = room.server().mediaServer().process().pid();
        int statesBefore = alice.all(PublisherStateUpdate.class).size();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        // the publisher is told its stream is interrupted, then offers again and is PUBLISHING
        alice.await(PublisherStateUpdate.class, p -> p.state() == PublisherState.PUBLISH_REQUESTING
                && p.errorCode() == ErrorCode.PUBLISHER_MEDIA_SERVER_UNAVAILABLE.code(), MEDIA);
        long framesBefore = sink.frames();
        Awaitility.await("a new Janus").atMost(MEDIA).until(() -> room.server().mediaServer().current() != null
                && room.server().mediaServer().process().pid() != pid);
        alice.awaitThat(a -> {
            List<PublisherStateUpdate> states = a.all(PublisherStateUpdate.class);
            return states.size() > statesBefore + 1 && states.get(states.size() - 1).state() == PublisherState.PUBLISHING;
        }, MEDIA, "PUBLISHING again");
        Awaitility.await("frames again").atMost(MEDIA).until(() -> sink.frames() > framesBefore + 30);
        assertPatternFlows(sink, 640);
        assertNotEquals(pid, room.server().mediaServer().process().pid());
        // the room never lost the stream: no DELETE, no second ADD
        assertTrue(bob.all(StreamUpdate.class).stream().noneMatch(u -> u.type() == UpdateType.DELETE), bob.events().toString());
        assertEquals(1, bob.all(StreamUpdate.class).stream().filter(u -> u.type() == UpdateType.ADD && u.has("alice_main"))
                .count());
        assertEquals(2, janus().handles().size());
    }
}
