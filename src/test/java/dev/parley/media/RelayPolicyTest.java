package dev.parley.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.engine.Canvas;
import dev.parley.engine.CandidatePair;
import dev.parley.engine.CandidateType;
import dev.parley.engine.FrameCounterSink;
import dev.parley.engine.IceTransportPolicy;
import dev.parley.engine.ParleyEngine;
import dev.parley.engine.PlayStreamQuality;
import dev.parley.engine.PlayerState;
import dev.parley.engine.PublishStreamQuality;
import dev.parley.engine.PublisherState;
import dev.parley.engine.RoomStateChangedReason;
import dev.parley.engine.User;
import dev.parley.engine.VideoConfig;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MediaMode;
import dev.parley.server.MediaConfig;
import dev.parley.server.ServerConfig;
import dev.parley.server.TurnConfig;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.EventRecorder.PublisherStateUpdate;
import dev.parley.testing.LogCapture;
import dev.parley.testing.TestCoturn;
import dev.parley.testing.TestJanus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ICE transport policy with a real coturn in the tests' namespace, where the two engines could
 * also reach each other directly over the veth pair: with RELAY the call goes through the relay
 * (both quality reports say so) and the frames arrive; with ALL the same call goes direct. A relay
 * that refuses the credentials (minted with another secret, or expired) gives ENGINE_RELAY_REFUSED
 * at both ends within seconds, and the engines are destroyed as usual.
 */
class RelayPolicyTest {
    private static final Duration MEDIA = Duration.ofSeconds(30);
    /** How soon a refused relay must be reported: gathering ends within a second here. */
    private static final Duration REFUSAL = Duration.ofSeconds(10);
    private static final String STREAM = "pub-cam";

    @RegisterExtension
    final MediaRoom room = new MediaRoom();
    private TestCoturn coturn;
    private LogCapture log;
    private final Recorder pub = new Recorder();
    private final Recorder play = new Recorder();

    /** Also records player states and both kinds of quality report. */
    static final class Recorder extends EventRecorder {
        final List<String> playerStates = new CopyOnWriteArrayList<>();
        final List<PlayStreamQuality> played = new CopyOnWriteArrayList<>();
        final List<PublishStreamQuality> published = new CopyOnWriteArrayList<>();

        @Override
        public void onPlayerStateUpdate(String streamID, PlayerState state, int errorCode, String extendedData) {
            playerStates.add(state + " " + errorCode);
        }

        @Override
        public void onPlayerQualityUpdate(String streamID, PlayStreamQuality quality) {
            played.add(quality);
        }

        @Override
        public void onPublisherQualityUpdate(String streamID, PublishStreamQuality quality) {
            published.add(quality);
        }
    }

    @BeforeEach
    void startCoturn() throws Exception {
        TestCoturn.assumeAvailable();
        coturn = room.closeAfterEngines(TestCoturn.start("10.77.0.1"));
        log = room.closeAfterEngines(new LogCapture());
    }

    private void serverWith(UnaryOperator<ServerConfig.Builder> turn) {
        room.replaceServer(turn);
    }

    private TurnConfig turn(String secret) {
        return new TurnConfig(List.of(coturn.url("udp")), secret, Duration.ofHours(1));
    }

    /** Logs in with {@code policy}, publishes the test pattern and waits for PUBLISHING. */
    private ParleyEngine publisher(IceTransportPolicy policy) {
        ParleyEngine engine = room.engine(pub, p -> p.iceTransportPolicy(policy));
        engine.setVideoConfig(new VideoConfig(640, 360, 30, 1500));
        engine.loginRoom("relay", new User("pub"));
        pub.awaitReason(RoomStateChangedReason.LOGINED);
        engine.startPublishingStream(STREAM);
        pub.await(PublisherStateUpdate.class, p -> p.state() == PublisherState.PUBLISHING);
        return engine;
    }

    private ParleyEngine player(IceTransportPolicy policy, FrameCounterSink sink) {
        ParleyEngine engine = room.engine(play, p -> p.iceTransportPolicy(policy));
        engine.loginRoom("relay", new User("viewer"));
        play.awaitReason(RoomStateChangedReason.LOGINED);
        engine.startPlayingStream(STREAM, new Canvas(sink));
        return engine;
    }

    private static void awaitAdvancingFrames(FrameCounterSink sink) {
        Awaitility.await("frames with the pattern").atMost(MEDIA).until(() -> sink.frames() >= 30 && sink.lastMarks() != null);
        long target = sink.lastMarks().frameCounter() + 15;
        Awaitility.await("the frame counter advances").atMost(Duration.ofSeconds(10))
                .until(() -> sink.lastMarks().frameCounter() >= target);
    }

    @Test
    void relayOnlyCarriesTheCallThroughTheRelayAtBothEnds() {
        serverWith(b -> b.turn(turn(coturn.secret())));
        publisher(IceTransportPolicy.RELAY);
        FrameCounterSink sink = new FrameCounterSink();
        player(IceTransportPolicy.RELAY, sink);

        awaitAdvancingFrames(sink);
        assertEquals(640, sink.width());
        CandidatePair relayed = new CandidatePair(CandidateType.RELAY, CandidateType.RELAY, "udp");
        Awaitility.await("the player's report: relay to relay").atMost(MEDIA)
                .until(() -> play.played.stream().anyMatch(q -> q.candidatePair().equals(relayed) && q.videoKBPS() > 0));
        Awaitility.await("the publisher's report: its one connection relay to relay").atMost(MEDIA)
                .until(() -> pub.published.stream().anyMatch(q -> q.candidatePairs().equals(List.of(relayed))));
        assertTrue(play.played.stream().map(PlayStreamQuality::candidatePair)
                .allMatch(p -> p.equals(CandidatePair.NONE) || p.equals(relayed)), () -> "never direct: " + play.played);
        assertEquals(List.of("PLAY_REQUESTING 0", "PLAYING 0"), play.playerStates);
    }

    @Test
    void withAllCandidatesTheSameCallGoesDirect() {
        serverWith(b -> b.turn(turn(coturn.secret())));
        publisher(IceTransportPolicy.ALL);
        FrameCounterSink sink = new FrameCounterSink();
        player(IceTransportPolicy.ALL, sink);

        awaitAdvancingFrames(sink);
        Awaitility.await("the player's report: a direct pair").atMost(MEDIA)
                .until(() -> play.played.stream().anyMatch(q -> q.candidatePair().local() != CandidateType.UNKNOWN));
        CandidatePair pair = play.played.stream().map(PlayStreamQuality::candidatePair)
                .filter(p -> p.local() != CandidateType.UNKNOWN).findFirst().orElseThrow();
        assertFalse(pair.relayed(), "the veth pair reaches the publisher directly: " + pair);
        assertEquals(CandidateType.HOST, pair.local());
        assertEquals("", pair.relayProtocol());
    }

    @Test
    void inAnSfuRoomRelayOnlyReachesTheMediaServerThroughTheRelay() {
        TestJanus.assumeAvailable();
        serverWith(b -> b.turn(turn(coturn.secret()))
                .media(MediaConfig.MESH.withAllApps(MediaMode.SFU).withManagedJanus(TestJanus.config())));
        publisher(IceTransportPolicy.RELAY);
        FrameCounterSink sink = new FrameCounterSink();
        player(IceTransportPolicy.RELAY, sink);

        awaitAdvancingFrames(sink);
        Awaitility.await("the publisher's one connection, to the media server, leaves through the relay").atMost(MEDIA)
                .until(() -> pub.published.stream().anyMatch(q -> q.candidatePairs().size() == 1
                        && q.candidatePairs().get(0).local() == CandidateType.RELAY));
        Awaitility.await("the player's connection from the media server comes through the relay").atMost(MEDIA)
                .until(() -> play.played.stream().anyMatch(q -> q.candidatePair().local() == CandidateType.RELAY));
    }

    @Test
    void inAnSfuRoomARefusedRelayInterruptsThePublicationUntilItIsAccepted() {
        TestJanus.assumeAvailable();
        serverWith(b -> b.turn(turn("not-the-secret-of-this-coturn"))
                .media(MediaConfig.MESH.withAllApps(MediaMode.SFU).withManagedJanus(TestJanus.config())));
        ParleyEngine engine = room.engine(pub, p -> p.iceTransportPolicy(IceTransportPolicy.RELAY));
        engine.loginRoom("relay", new User("pub"));
        pub.awaitReason(RoomStateChangedReason.LOGINED);
        engine.startPublishingStream(STREAM);
        int refused = ErrorCode.ENGINE_RELAY_REFUSED.code();
        pub.await(PublisherStateUpdate.class, p -> p.state() == PublisherState.PUBLISH_REQUESTING && p.errorCode() == refused,
                REFUSAL);
        // offered again every few seconds: the media server answers each offer, yet no connection comes up
        Awaitility.await("another send connection refused").atMost(Duration.ofSeconds(15)).until(() -> sendLinksRefused() >= 2);
        assertEquals(1, pub.count(e -> e instanceof PublisherStateUpdate p && p.errorCode() == refused));
        // the first answer may come before the relay's refusal; the later ones never make it PUBLISHING
        List<PublisherStateUpdate> states = pub.all(PublisherStateUpdate.class);
        assertEquals(new PublisherStateUpdate(STREAM, PublisherState.PUBLISH_REQUESTING, refused), states.get(states.size() - 1),
                () -> "nothing after the refusal: " + states);
        room.destroy(engine);
    }

    @Test
    void aRelayWithAnotherSecretIsReportedAtBothEndsAndDestroyStillWorks() {
        serverWith(b -> b.turn(turn("not-the-secret-of-this-coturn")));
        assertRefusedAtBothEnds();
    }

    @Test
    void expiredCredentialsAreReportedAtBothEndsAndDestroyStillWorks() {
        // credentials that coturn would accept but for their expiry, a minute ago
        serverWith(b -> b.iceServer(coturn.iceServer("udp", "anyone", Instant.now().minusSeconds(60))));
        assertRefusedAtBothEnds();
    }

    private void assertRefusedAtBothEnds() {
        ParleyEngine publisher = publisher(IceTransportPolicy.RELAY);
        FrameCounterSink sink = new FrameCounterSink();
        ParleyEngine player = player(IceTransportPolicy.RELAY, sink);
        int refused = ErrorCode.ENGINE_RELAY_REFUSED.code();

        Awaitility.await("the player reports the refused relay").atMost(REFUSAL)
                .until(() -> play.playerStates.contains("PLAY_REQUESTING " + refused));
        pub.await(PublisherStateUpdate.class, p -> p.state() == PublisherState.PUBLISH_REQUESTING && p.errorCode() == refused,
                REFUSAL);
        // the engines keep trying with fresh connections, which coturn refuses again, without reporting it again
        assertTrue(coturn.log().contains("Cannot find credentials"), "coturn refused the credentials");
        Awaitility.await("another send connection refused").atMost(Duration.ofSeconds(15)).until(() -> sendLinksRefused() >= 2);
        assertEquals(List.of("PLAY_REQUESTING 0", "PLAY_REQUESTING " + refused), play.playerStates);
        assertEquals(1, pub.count(e -> e instanceof PublisherStateUpdate p && p.errorCode() == refused));
        assertEquals(0, sink.frames());

        room.destroy(publisher, player); // each within 10 s, or it fails
    }

    /** Send connections of the publisher that the engine found refused by the relay, as it logs them. */
    private int sendLinksRefused() {
        return log.events(e -> e.getLoggerName().endsWith("SendConnections")
                && e.getFormattedMessage().contains("the relay refused the credentials")).size();
    }
}
