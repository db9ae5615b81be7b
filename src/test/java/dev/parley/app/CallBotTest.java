package dev.parley.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.engine.IceTransportPolicy;
import dev.parley.server.ParleyServer;
import dev.parley.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Two headless bots call each other through a real server; their JSON lines show it. */
class CallBotTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CallBotOptions options(String url, String user) {
        return options(url, user, 320, 180, CallBotOptions.DEFAULT_BITRATE_KBPS);
    }

    private static CallBotOptions options(String url, String user, int width, int height, int bitrateKbps) {
        return options(url, user, width, height, bitrateKbps, 0);
    }

    private static CallBotOptions options(String url, String user, int width, int height, int bitrateKbps, int soundLevels) {
        return new CallBotOptions(url, "bots", user, null, TestServers.APP_ID, TestServers.APP_SIGN, null, user + "_main",
                "pattern", false, width, height, 15, bitrateKbps, Duration.ofSeconds(7), List.of("all"), IceTransportPolicy.ALL,
                soundLevels);
    }

    private static List<JsonNode> lines(ByteArrayOutputStream out) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void twoBotsSeeEachOthersStreamPlayingWithFrames() throws Exception {
        Assumptions.assumeTrue("veth".equals(System.getenv("PARLEY_MEDIA_NET")), "needs the test network namespace");
        try (ParleyServer server = TestServers.start()) {
            ByteArrayOutputStream outA = new ByteArrayOutputStream();
            ByteArrayOutputStream outB = new ByteArrayOutputStream();
            CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> run(options(server.url(), "botA"), outA));
            CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> run(options(server.url(), "botB"), outB));
            assertEquals(0, a.get(30, TimeUnit.SECONDS));
            assertEquals(0, b.get(30, TimeUnit.SECONDS));
            check(lines(outA), "botB_main", 320);
            check(lines(outB), "botA_main", 320);
        }
    }

    @Test
    void aBotSendsWithinTheBitrateItIsGiven() throws Exception {
        Assumptions.assumeTrue("veth".equals(System.getenv("PARLEY_MEDIA_NET")), "needs the test network namespace");
        try (ParleyServer server = TestServers.start()) {
            ByteArrayOutputStream outA = new ByteArrayOutputStream();
            ByteArrayOutputStream outB = new ByteArrayOutputStream();
            CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> run(options(server.url(), "botA", 640, 360, 150), outA));
            CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> run(options(server.url(), "botB", 640, 360, 2000), outB));
            assertEquals(0, a.get(30, TimeUnit.SECONDS));
            assertEquals(0, b.get(30, TimeUnit.SECONDS));
            List<Double> capped = sentKbps(lines(outA));
            List<Double> free = sentKbps(lines(outB));
            assertTrue(!capped.isEmpty() && capped.stream().allMatch(kbps -> kbps <= 150 * 1.25), "capped at 150: " + capped);
            assertTrue(free.stream().anyMatch(kbps -> kbps > 150 * 2), "capped at 2000: " + free);
            check(lines(outB), "botA_main", 640);
        }
    }

    @Test
    void aBotGivenSoundLevelsPrintsItsToneAndTheOtherBotsTone() throws Exception {
        Assumptions.assumeTrue("veth".equals(System.getenv("PARLEY_MEDIA_NET")), "needs the test network namespace");
        try (ParleyServer server = TestServers.start()) {
            ByteArrayOutputStream outA = new ByteArrayOutputStream();
            ByteArrayOutputStream outB = new ByteArrayOutputStream();
            CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> run(options(server.url(), "botA", 320, 180,
                    CallBotOptions.DEFAULT_BITRATE_KBPS, 200), outA));
            CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> run(options(server.url(), "botB"), outB));
            assertEquals(0, a.get(30, TimeUnit.SECONDS));
            assertEquals(0, b.get(30, TimeUnit.SECONDS));
            List<JsonNode> linesA = lines(outA);
            // the test tone measures about 70; silence is 0
            assertTrue(linesA.stream().anyMatch(n -> n.path("event").asText().equals("onCapturedSoundLevelUpdate")
                    && n.path("soundLevel").asDouble() > 30), "botA's own tone");
            assertTrue(linesA.stream().anyMatch(n -> n.path("event").asText().equals("onRemoteSoundLevelUpdate")
                    && n.path("soundLevels").path("botB_main").asDouble() > 30), "botB's tone at botA");
            assertTrue(lines(outB).stream().noneMatch(n -> n.path("event").asText().contains("SoundLevel")),
                    "a bot not asked for levels prints none");
        }
    }

    /** The video kbit/s of each publisher quality report that has any. */
    private static List<Double> sentKbps(List<JsonNode> lines) {
        return lines.stream().filter(n -> n.path("event").asText().equals("onPublisherQualityUpdate"))
                .map(n -> n.path("quality").path("videoKBPS").asDouble()).filter(kbps -> kbps > 0).toList();
    }

    @Test
    void aRefusedLoginExitsWithOne() throws Exception {
        try (ParleyServer server = TestServers.start()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CallBotOptions wrongSign = new CallBotOptions(server.url(), "bots", "u", null, TestServers.APP_ID,
                    "not-the-app-sign-0000", null, null, "pattern", false, 320, 180, 15, 300, Duration.ofSeconds(1),
                    List.of("none"), IceTransportPolicy.ALL, 0);
            assertEquals(1, run(wrongSign, out));
            assertTrue(lines(out).stream().anyMatch(n -> n.path("event").asText().equals("onRoomStateChanged")
                    && n.path("reason").asText().equals("LOGIN_FAILED") && n.path("errorCode").asInt() == 1002005));
        }
    }

    private static int run(CallBotOptions options, ByteArrayOutputStream out) {
        try {
            return new CallBot(options, new PrintStream(out, true, StandardCharsets.UTF_8)).run();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(List<JsonNode> lines, String otherStream, int width) {
        assertTrue(lines.stream().allMatch(n -> n.has("ts") && n.has("event")), "every line has ts and event");
        assertTrue(lines.stream().anyMatch(n -> n.path("event").asText().equals("onPlayerStateUpdate")
                && n.path("streamID").asText().equals(otherStream) && n.path("state").asText().equals("PLAYING")), "PLAYING");
        assertTrue(lines.stream().anyMatch(n -> n.path("event").asText().equals("frames")
                && n.path("streamID").asText().equals(otherStream) && n.path("frames").asLong() > 10
                && n.path("width").asInt() == width), "frames received");
        assertTrue(lines.stream().anyMatch(n -> n.path("event").asText().equals("onPlayerQualityUpdate")
                && n.path("quality").path("videoDecodeFPS").asDouble() > 0), "quality with decoded frames");
        // the test network reaches the other bot directly: the pair is host to host, not relayed
        assertTrue(lines.stream().anyMatch(n -> n.path("event").asText().equals("onPlayerQualityUpdate")
                && n.path("relayed").isBoolean() && !n.path("relayed").asBoolean()
                && n.path("quality").path("candidatePair").path("local").asText().equals("HOST")), "a direct pair");
        assertEquals("destroyed", lines.get(lines.size() - 1).path("event").asText());
    }
}
