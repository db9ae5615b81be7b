package dev.parley.cli;

import dev.parley.app.DevApp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.app.ui.AppOptions;
import dev.parley.server.ParleyServer;
import dev.parley.server.token.TokenClaims;
import dev.parley.server.token.TokenVerifier;
import dev.parley.testing.RawClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.URI;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParleyCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    /** What the command line handed over to: the window's options, or the servers it started. */
    private final List<AppOptions> windows = new ArrayList<>();
    private final List<ParleyServer> servers = new ArrayList<>();
    private final ParleyCli cli = new ParleyCli(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), new ParleyCli.Launcher() {
                @Override
                public void openWindow(AppOptions options) {
                    windows.add(options);
                }

                @Override
                public void keepServing(ParleyServer server) {
                    servers.add(server);
                }
            });

    @TempDir
    Path temp;

    @AfterEach
    void closeServers() {
        servers.forEach(ParleyServer::close);
    }

    private List<String> outLines(String prefix) {
        return out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length())).toList();
    }

    /** The IPv4 addresses of every network interface that is up, as URL hosts. */
    private static List<String> upIpv4Hosts() throws Exception {
        List<String> hosts = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nif.isUp()) {
                Collections.list(nif.getInetAddresses()).stream().filter(a -> a instanceof Inet4Address)
                        .forEach(a -> hosts.add(a.getHostAddress()));
            }
        }
        return hosts;
    }

    @Test
    void aServerOnEveryInterfacePrintsEachAddressAndWarnsAboutTheDevelopmentApp() throws Exception {
        assertEquals(-1, cli.run(new String[] {"server", "--port", "0", "--web-port", "0"}));
        int port = servers.get(0).port();
        List<String> urls = outLines("Parley server listening on ");
        assertEquals("ws://127.0.0.1:" + port, urls.get(0), out.toString(StandardCharsets.UTF_8));
        for (String host : upIpv4Hosts()) {
            assertTrue(urls.contains("ws://" + host + ":" + port), host + " missing in " + urls);
        }
        for (String url : urls) {
            try (RawClient client = RawClient.connect(url, null)) {
                assertFalse(client.nonce().isEmpty(), url);
            }
        }
        int webPort = URI.create(servers.get(0).webUrl()).getPort();
        assertEquals(urls.stream().map(u -> u.replace("ws://", "http://").replace(":" + port, ":" + webPort + "/")).toList(),
                outLines("Debug page on "));
        String warning = err.toString(StandardCharsets.UTF_8);
        assertTrue(warning.contains("warning:") && warning.contains("public development app")
                && warning.contains("anyone who can reach it can log in")
                && warning.contains("--bind 127.0.0.1") && warning.contains("--config"), warning);
    }

    @Test
    void aLoopbackServerOrOneWithItsOwnAppsGivesNoWarning() throws Exception {
        assertEquals(-1, cli.run(new String[] {"server", "--port", "0", "--bind", "127.0.0.1", "--no-web"}));
        assertEquals(List.of("ws://127.0.0.1:" + servers.get(0).port()), outLines("Parley server listening on "));
        assertEquals(List.of(), outLines("Debug page on "));

        Path config = temp.resolve("server.json");
        Files.writeString(config, "{\"apps\":[{\"appId\":42,\"appSign\":\"app-sign-0123456789abcdef\","
                + "\"serverSecret\":\"server-secret-0123456789abcdef\"}]}");
        assertEquals(-1, cli.run(new String[] {"server", "--port", "0", "--config", config.toString(), "--no-web"}));
        assertTrue(servers.get(1).config().apps().keySet().equals(java.util.Set.of(42L)));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void mediaSfuStartsJanusAndRefusesWithoutIt() throws Exception {
        dev.parley.testing.TestJanus.assumeAvailable();
        Path config = temp.resolve("sfu.json");
        Files.writeString(config, "{\"janus\":{\"mediaAddress\":\"" + dev.parley.testing.TestJanus.MEDIA_ADDRESS
                + "\",\"interfaces\":\"parley0\",\"rtpPorts\":\"31000-31099\"}}");
        assertEquals(-1, cli.run(new String[] {"server", "--port", "0", "--bind", "127.0.0.1", "--no-web", "--media", "sfu",
                "--config", config.toString()}));
        ParleyServer sfu = servers.get(0);
        assertEquals(dev.parley.protocol.MediaMode.SFU, sfu.config().media().modeOf(DevApp.APP_ID));
        assertTrue(sfu.mediaServer().current() != null, "Janus is up");
        assertTrue(sfu.mediaServer().process().pid() > 0);

        Path missing = temp.resolve("no-janus.json");
        Files.writeString(missing, "{\"janus\":{\"binary\":\"" + temp.resolve("janus-missing") + "\"}}");
        assertEquals(2, cli.run(new String[] {"server", "--port", "0", "--no-web", "--media", "sfu", "--config",
                missing.toString()}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("sudo apt-get install janus"), err.toString());
        assertEquals(2, cli.run(new String[] {"server", "--media", "both"}));
        assertEquals(2, cli.run(new String[] {"server", "--janus-url", "http://example.org:8088"}));
        assertEquals(2, cli.run(new String[] {"server", "--janus-url", "ws://127.0.0.1:8188"}));
        assertEquals(2, cli.run(new String[] {"server", "--janus-rtp-ports", "9-5"}));
        assertEquals(1, servers.size());
    }

    @Test
    void checkConfigPrintsWhatWouldRunOrSaysWhatIsWrong() throws Exception {
        Path keystore = temp.resolve("server.p12");
        dev.parley.testing.TestCertificates.writeSelfSigned(keystore, "changeit", "parley.example.org");
        Path good = temp.resolve("good.json");
        Files.writeString(good, """
                { "port": 8443, "keystore": "server.p12", "keystorePassword": "changeit",
                  "apps": [ { "appId": 42, "appSign": "app-sign-0123456789abcdef", "serverSecret": "server-secret-0123456789abcdef" } ],
                  "turn": { "urls": ["turn:turn.example.org:3478", "turns:turn.example.org:5349"], "secret": "turn-secret" } }
                """);
        assertEquals(0, cli.run(new String[] {"server", "--check-config", good.toString()}));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("is valid"), printed);
        assertTrue(printed.contains("wss://0.0.0.0:8443 with certificate CN=parley.example.org"), printed);
        assertTrue(printed.contains("42 (mesh, appSign or token)"), printed);
        assertTrue(printed.contains("turn:turn.example.org:3478 turns:turn.example.org:5349 with credentials minted"), printed);
        assertTrue(!printed.contains("turn-secret") && !printed.contains("changeit") && !printed.contains("server-secret"),
                "no secret is printed: " + printed);
        assertTrue(servers.isEmpty(), "nothing was started");

        String[][] broken = {
            {"{\"turn\": {\"urls\": [\"http://turn.example.org\"], \"secret\": \"s\"}}", "not a turn: or turns: URL"},
            {"{\"turn\": {\"urls\": [\"turn:turn.example.org\"]}}", "secret"},
            {"{\"keystore\": \"server.p12\", \"keystorePassword\": \"wrong\"}", "cannot be opened"},
            {"{\"keystore\": \"missing.p12\"}", "cannot be read"},
            {"{\"heartbeatIntervalMs\": 20000, \"presenceTimeoutMs\": 10000}", "presenceTimeout"},
            {"{\"prot\": 7878}", "prot"},
        };
        for (String[] b : broken) {
            Path file = temp.resolve("broken.json");
            Files.writeString(file, b[0]);
            err.reset();
            assertEquals(2, cli.run(new String[] {"server", "--check-config", file.toString()}), b[0]);
            assertTrue(err.toString(StandardCharsets.UTF_8).contains(b[1]), b[0] + " -> " + err);
        }
        assertEquals(2, cli.run(new String[] {"server", "--check-config", temp.resolve("absent.json").toString()}));
    }

    @Test
    void clusterOptionsAreCheckedAndPrintedWithoutTheirSecrets() throws Exception {
        Path file = temp.resolve("node.json");
        Files.writeString(file, "{\"cluster\": {\"redis\": \"redis://:redis-password@10.0.0.5:6380\", \"nodeId\": \"from-file\"}}");
        assertEquals(0, cli.run(new String[] {"server", "--check-config", file.toString(), "--node-id", "node-a",
                "--public-url", "wss://a.example.org"}));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("nodes: node node-a of those sharing Redis at redis://10.0.0.5:6380 (with a password),"
                + " reached by clients at wss://a.example.org"), printed);
        assertFalse(printed.contains("redis-password"), printed);
        Files.writeString(file, "{}");
        out.reset();
        assertEquals(0, cli.run(new String[] {"server", "--check-config", file.toString()}));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("nodes: this server alone (no Redis)"), out.toString());

        String[][] bad = {
            {"--redis", "http://10.0.0.5:6379"}, {"--redis", "redis://"}, {"--redis", "redis://h:1", "--node-id", "a b"},
            {"--redis", "redis://h:1", "--public-url", "https://a.example.org"}, {"--node-id", "alone"},
            {"--public-url", "ws://a.example.org"},
        };
        for (String[] options : bad) {
            err.reset();
            List<String> args = new ArrayList<>(List.of("server", "--port", "0", "--no-web"));
            args.addAll(List.of(options));
            assertEquals(2, cli.run(args.toArray(String[]::new)), String.join(" ", options));
            assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("parley: "), err.toString());
        }
        assertTrue(servers.isEmpty());
    }

    /** The configuration in docs/deploy.md passes the check it tells operators to run. */
    @Test
    void theDeployGuidesConfigurationPassesTheCheck() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.parley.server.sfu.JanusProcess.installed("janus"),
                "its SFU app needs Janus: scripts/setup-linux.sh --test installs it");
        String guide = Files.readString(Path.of("docs/deploy.md"));
        int start = guide.indexOf("```json\n") + "```json\n".length();
        String json = guide.substring(start, guide.indexOf("```", start));
        dev.parley.testing.TestCertificates.writeSelfSigned(temp.resolve("server.p12"), "CHANGE-THIS-PASSWORD",
                "parley.example.org");
        Path config = temp.resolve("server.json");
        Files.writeString(config, json);
        assertEquals(0, cli.run(new String[] {"server", "--check-config", config.toString()}), err.toString());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("wss://0.0.0.0:443 with certificate CN=parley.example.org"), printed);
        assertTrue(printed.contains("42 (sfu, appSign or token), 43 (mesh, token only)"), printed);
        assertTrue(printed.contains("media on UDP ports 20000-40000, public address 203.0.113.7"), printed);
    }

    @Test
    void callWithoutHeadlessOpensTheWindowAndJoins() {
        assertEquals(0, cli.run(new String[] {"call", "--server", "ws://127.0.0.1:7000", "--room", "standup",
                "--user", "carol", "--name", "Carol"}));
        assertEquals(List.of(new AppOptions("ws://127.0.0.1:7000", "standup", "carol", "Carol", null, null)), windows);
        assertTrue(windows.get(0).autoJoin());

        assertEquals(2, cli.run(new String[] {"call", "--room", "standup", "--user", "carol", "--publish", "s1"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--publish is for the bot (add --headless)"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals(2, cli.run(new String[] {"call", "--room", "standup"}));
        assertEquals(1, windows.size());
    }

    @Test
    void helpListsEveryOption() {
        Map<String, List<String>> options = Map.of(
                "", List.of("--server", "--room", "--user", "--name", "--log-level", "--log-dir",
                        "server", "token", "call", "devices"),
                "server", List.of("--port", "--bind", "--config", "--keystore", "--keystore-password", "--web-port",
                        "--no-web", "--log-level", "--log-dir"),
                "token", List.of("--app-id", "--secret", "--user", "--room", "--publish", "--ttl", "--sealed"),
                "call", List.of("--headless", "--server", "--room", "--user", "--name", "--token", "--app-id", "--app-sign",
                        "--publish", "--no-publish", "--source", "--audio-only", "--resolution", "--fps", "--bitrate",
                        "--duration", "--play", "--log-level"));
        options.forEach((command, expected) -> {
            out.reset();
            assertEquals(0, cli.run(command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"}));
            String help = out.toString(StandardCharsets.UTF_8);
            for (String option : expected) {
                assertTrue(help.contains(option), "'parley " + command + " --help' lacks " + option + ":\n" + help);
            }
        });
        // and the window takes every option its help names
        assertEquals(new AppOptions("ws://h:1", "r", "u", "n", "DEBUG", Path.of("logs")), AppOptions.parse(List.of(
                "--server", "ws://h:1", "--room", "r", "--user", "u", "--name", "n", "--log-level", "DEBUG", "--log-dir", "logs")));
    }

    @Test
    void badUsageExitsWithTwoAndSaysWhy() {
        assertEquals(2, cli.run(new String[] {"dance"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'dance'"));
        assertEquals(2, cli.run(new String[] {"server", "--port", "70000"}));
        assertEquals(2, cli.run(new String[] {"server", "--log-level", "LOUD"}));
        assertEquals(2, cli.run(new String[] {"call", "--headless", "--room", "r"}));
        assertEquals(2, cli.run(new String[] {"call", "--headless", "--room", "r", "--user", "u", "--resolution", "big"}));
        assertEquals(2, cli.run(new String[] {"call", "--headless", "--room", "r", "--user", "u", "--bitrate", "10"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--bitrate"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, cli.run(new String[] {"call", "--room", "r", "--user", "u", "--bitrate", "900"}));
        assertEquals(2, cli.run(new String[] {"token", "--app-id", "1"}));
    }

    @Test
    void devicesListsTheTestSourcesWithTheirIds() {
        assertEquals(0, cli.run(new String[] {"devices"}));
        String listing = out.toString(StandardCharsets.UTF_8);
        assertTrue(listing.startsWith("Cameras:\n  parley:test-pattern  Test pattern\n"), listing);
        assertTrue(listing.contains("Microphones:\n  parley:test-tone  Test tone\n"), listing);
        assertEquals(2, cli.run(new String[] {"devices", "--all"}));
    }

    @Test
    void windowOptionsAreCheckedBeforeAnyWindowOpens() {
        assertEquals(2, cli.run(new String[] {"--room"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("missing value: '--room'"));
        assertEquals(2, cli.run(new String[] {"--color", "blue"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option '--color'"));
        assertEquals(2, cli.run(new String[] {"--room", "r", "--log-level", "LOUD"}));
    }

    @Test
    void everySubcommandHasHelp() {
        for (String command : new String[] {"server", "token", "call", "devices"}) {
            assertEquals(0, cli.run(new String[] {command, "--help"}));
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("usage: parley call --headless"));
    }

    @Test
    void tokenPrintsAVerifiableToken() throws Exception {
        assertEquals(0, cli.run(new String[] {"token", "--app-id", "42", "--secret", "secret-0123456789abcdef",
                "--user", "alice", "--room", "r1", "--publish", "--ttl", "60"}));
        String token = out.toString(StandardCharsets.UTF_8).trim();
        TokenClaims claims = new TokenVerifier(app -> app == 42 ? "secret-0123456789abcdef" : null)
                .verify(token, 42, "alice", "r1", System.currentTimeMillis() / 1000);
        assertTrue(claims.privileges().publish());
        assertTrue(claims.expiresAt() - claims.issuedAt() == 60);
    }

    @Test
    void tokenTakesIdsInNfcAndRefusesInvisibleCharacters() throws Exception {
        assertEquals(0, cli.run(new String[] {"token", "--app-id", "42", "--secret", "secret-0123456789abcdef",
                "--user", "jose\u0301", "--room", "cafe\u0301"}));
        TokenClaims claims = new TokenVerifier(app -> app == 42 ? "secret-0123456789abcdef" : null)
                .verify(out.toString(StandardCharsets.UTF_8).trim(), 42, "jos\u00e9", "caf\u00e9",
                        System.currentTimeMillis() / 1000);
        assertEquals("jos\u00e9", claims.userId());
        assertEquals("caf\u00e9", claims.roomId());

        assertEquals(2, cli.run(new String[] {"token", "--app-id", "42", "--secret", "s", "--user", "alice\u202e"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--user: The user ID has a control"), err.toString());
        assertEquals(2, cli.run(new String[] {"token", "--app-id", "42", "--secret", "s", "--user", "a", "--room", "r\u200b"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("(1002025)"), err.toString());
    }
}
