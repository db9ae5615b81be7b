package dev.parley.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.SplitNetworks;
import dev.parley.testing.TestCoturn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two headless bots in networks that cannot route to each other, each reaching only the relay
 * host, where a real coturn and {@code parley server} run ({@link SplitNetworks}): the call goes
 * relay to relay, over UDP, or over TCP where nftables drops UDP between a bot and the relay; with
 * credentials the relay refuses, both bots report ENGINE_RELAY_REFUSED and still end cleanly. Each
 * process is a JVM of its own, started with {@code ip netns exec}.
 */
class SplitNetworksCallTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration MEDIA = Duration.ofSeconds(60);
    private static final String SERVER_URL = "ws://" + SplitNetworks.SERVICE_ADDRESS + ":7878";

    @TempDir
    Path folder;
    private SplitNetworks networks;
    private TestCoturn coturn;
    private final List<ParleyProcess> processes = new ArrayList<>();

    @BeforeEach
    void makeNetworks() throws Exception {
        TestCoturn.assumeAvailable();
        SplitNetworks.assumeAvailable();
        networks = SplitNetworks.create();
        coturn = TestCoturn.start(networks.relayHost(), SplitNetworks.SERVICE_ADDRESS, SplitNetworks.RELAY_ADDRESS);
    }

    @AfterEach
    void removeNetworks() throws Exception {
        try {
            for (ParleyProcess p : processes) {
                p.close();
            }
            if (coturn != null) {
                coturn.close();
            }
        } finally {
            if (networks != null) {
                networks.close();
            }
        }
    }

    /** {@code parley server} on the relay host, handing out {@code turnUrls} with credentials minted with {@code secret}. */
    private void startServer(List<String> turnUrls, String secret) throws Exception {
        Path config = folder.resolve("server.json");
        Files.writeString(config, """
                {"bind": "%s", "port": 7878,
                 "turn": {"urls": [%s], "secret": "%s", "lifetimeSeconds": 3600}}
                """.formatted(SplitNetworks.SERVICE_ADDRESS,
                String.join(", ", turnUrls.stream().map(u -> "\"" + u + "\"").toList()), secret));
        ParleyProcess server = start("server", networks.relayHost(), "server", "--config", config.toString(), "--no-web");
        server.awaitLine("listening", START, l -> l.equals("Parley server listening on " + SERVER_URL));
    }

    private ParleyProcess bot(String user, SplitNetworks.Namespace network) throws Exception {
        return start(user, network, "call", "--headless", "--server", SERVER_URL, "--room", "split", "--user", user,
                "--resolution", "320x180", "--fps", "15");
    }

    private ParleyProcess start(String name, SplitNetworks.Namespace namespace, String... args) throws Exception {
        ParleyProcess process = ParleyProcess.start(name, namespace, args);
        processes.add(process);
        return process;
    }

    private static Predicate<JsonNode> event(String name, String streamId) {
        return n -> n.path("event").asText().equals(name) && n.path("streamID").asText().equals(streamId);
    }

    /** The other's frames arrive with the pattern's counter advancing; returns the bot's quality report over a relay pair. */
    private static JsonNode awaitRelayedCall(ParleyProcess bot, String otherStream) {
        bot.awaitEvent("PLAYING " + otherStream, MEDIA,
                event("onPlayerStateUpdate", otherStream).and(n -> n.path("state").asText().equals("PLAYING")));
        JsonNode first = bot.awaitEvent("frames of " + otherStream, MEDIA,
                event("frames", otherStream).and(n -> n.path("frames").asLong() > 10 && n.hasNonNull("frameCounter")));
        long counter = first.path("frameCounter").asLong();
        bot.awaitEvent("the frame counter of " + otherStream + " advancing", MEDIA,
                event("frames", otherStream).and(n -> n.path("frameCounter").asLong() > counter + 10));
        JsonNode quality = bot.awaitEvent("a quality report over a relay pair", MEDIA,
                event("onPlayerQualityUpdate", otherStream).and(n -> n.path("relayed").asBoolean()
                        && n.path("quality").path("videoDecodeFPS").asDouble() > 0));
        JsonNode pair = quality.path("quality").path("candidatePair");
        assertEquals("RELAY", pair.path("local").asText(), () -> "only relays reach the other network: " + quality);
        assertEquals("RELAY", pair.path("remote").asText(), () -> "only relays reach the other network: " + quality);
        return pair;
    }

    private static void stopCleanly(ParleyProcess bot) throws InterruptedException {
        bot.stop(Duration.ofSeconds(20));
        assertTrue(bot.event(n -> n.path("event").asText().equals("destroyed")).isPresent(),
                () -> "the bot destroyed its engine on SIGTERM:\n" + bot);
    }

    @Test
    void botsInNetworksThatCannotRouteToEachOtherCallThroughTheRelay() throws Exception {
        assertFalse(networks.a().canConnect(SplitNetworks.B_ADDRESS, 22), "A has no route to B");
        assertTrue(networks.a().canConnect(SplitNetworks.SERVICE_ADDRESS, coturn.port()), "A reaches the relay host");
        startServer(List.of(coturn.url("udp")), coturn.secret());
        ParleyProcess alice = bot("alice", networks.a());
        ParleyProcess bob = bot("bob", networks.b());

        assertEquals("udp", awaitRelayedCall(alice, "bob_main").path("relayProtocol").asText());
        assertEquals("udp", awaitRelayedCall(bob, "alice_main").path("relayProtocol").asText());
        stopCleanly(alice);
        stopCleanly(bob);
    }

    @Test
    void overTcpWhenUdpToTheRelayIsDropped() throws Exception {
        networks.a().dropUdpTo(SplitNetworks.SERVICE_ADDRESS);
        startServer(List.of(coturn.url("udp"), coturn.url("tcp")), coturn.secret());
        ParleyProcess alice = bot("alice", networks.a());
        ParleyProcess bob = bot("bob", networks.b());

        assertEquals("tcp", awaitRelayedCall(alice, "bob_main").path("relayProtocol").asText(),
                "alice reaches her relay over TCP");
        awaitRelayedCall(bob, "alice_main");
        assertTrue(networks.a().droppedUdpPackets() > 0, "alice did try UDP");
        stopCleanly(alice);
        stopCleanly(bob);
    }

    @Test
    void aRelayThatRefusesTheCredentialsIsReportedAndTheBotsEndCleanly() throws Exception {
        startServer(List.of(coturn.url("udp")), "not-the-secret-of-this-coturn");
        ParleyProcess alice = bot("alice", networks.a());
        ParleyProcess bob = bot("bob", networks.b());
        int refused = ErrorCode.ENGINE_RELAY_REFUSED.code();

        for (ParleyProcess bot : List.of(alice, bob)) {
            String other = bot == alice ? "bob_main" : "alice_main";
            bot.awaitEvent("the refused relay reported for " + other, MEDIA, event("onPlayerStateUpdate", other)
                    .and(n -> n.path("state").asText().equals("PLAY_REQUESTING") && n.path("errorCode").asInt() == refused));
        }
        for (ParleyProcess bot : List.of(alice, bob)) {
            String other = bot == alice ? "bob_main" : "alice_main";
            assertTrue(bot.event(event("frames", other).and(n -> n.path("frames").asLong() > 0)).isEmpty(),
                    "no frames without a relay");
            stopCleanly(bot);
        }
    }
}
