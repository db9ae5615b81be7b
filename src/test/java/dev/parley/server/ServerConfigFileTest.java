package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.server.cluster.ClusterConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void everyKeyIsRead() throws IOException {
        Path file = dir.resolve("server.json");
        Files.writeString(file, """
                {
                  "bind": "127.0.0.1", "port": 0,
                  "apps": [ { "appId": 42, "appSign": "sign-0123456789abcdef", "serverSecret": "secret-0123456789abcdef" } ],
                  "defaultMaxMembers": 7,
                  "heartbeatIntervalMs": 1000, "presenceTimeoutMs": 3000, "tokenWarningMs": 10000,
                  "iceServers": [ { "urls": ["turn:turn.example.org:3478"], "username": "u", "credential": "c" } ],
                  "keystore": "certs/server.p12", "keystorePassword": "pw",
                  "requestsPerSecond": 20, "requestBurst": 40, "floodCloseAfter": 60, "historySize": 64,
                  "handshakeTimeoutMs": 2500, "maxHandshakeBytes": 4096, "maxPendingConnectionsPerAddress": 9,
                  "connectionsPerSecondPerAddress": 3, "connectionBurstPerAddress": 11
                }
                """);
        ServerConfig c = ServerConfigFile.load(file, ServerConfig.builder()).build();
        assertEquals("127.0.0.1", c.bindAddress());
        assertEquals(0, c.port());
        assertEquals("sign-0123456789abcdef", c.apps().get(42L).appSign());
        assertEquals(7, c.defaultMaxMembers());
        assertEquals(Duration.ofSeconds(3), c.presenceTimeout());
        assertEquals(Duration.ofSeconds(10), c.tokenWarning());
        assertEquals("c", c.iceServers().get(0).credential());
        assertEquals(dir.resolve("certs/server.p12").toAbsolutePath(), c.keystore());
        assertEquals(40, c.requestBurst());
        assertEquals(64, c.historySize());
        assertEquals(new ConnectionLimits(Duration.ofMillis(2500), 4096, 9, 3, 11), c.connectionLimits());
        assertTrue(c.tls());
    }

    @Test
    void mediaModesAndJanusAreRead() throws IOException {
        Path managed = dir.resolve("managed.json");
        Files.writeString(managed, """
                {
                  "media": "sfu",
                  "apps": [ { "appId": 7, "appSign": "sign-0123456789abcdef", "serverSecret": "secret-0123456789abcdef",
                              "media": "MESH" } ],
                  "janus": { "binary": "/opt/janus/bin/janus", "rtpPorts": "40000-40999", "publicAddress": "203.0.113.7",
                             "mediaAddress": "10.0.0.5", "interfaces": "eth0", "stunServer": "stun.example.org:3478" }
                }
                """);
        MediaConfig media = ServerConfigFile.load(managed, ServerConfig.builder()).build().media();
        assertEquals(dev.parley.protocol.MediaMode.MESH, media.modeOf(7));
        assertEquals(dev.parley.protocol.MediaMode.SFU, media.modeOf(8));
        assertTrue(media.needsMediaServer());
        assertEquals(new dev.parley.server.sfu.ManagedJanusConfig("/opt/janus/bin/janus",
                dev.parley.server.sfu.ManagedJanusConfig.DEFAULT.pluginsRoot(), null, 40000, 40999, "10.0.0.5", "203.0.113.7",
                "eth0", "stun.example.org:3478", null), media.managedJanus());

        Path external = dir.resolve("external.json");
        Files.writeString(external, """
                { "media": "sfu", "janus": { "url": "ws://127.0.0.1:8188", "apiSecret": "s", "adminKey": "k" } }
                """);
        MediaConfig ext = ServerConfigFile.load(external, ServerConfig.builder()).build().media();
        assertEquals(java.net.URI.create("ws://127.0.0.1:8188"), ext.externalJanus().api());
        assertEquals("s", ext.externalJanus().apiSecret());
        assertEquals("k", ext.externalJanus().adminKey());

        for (String bad : new String[] {"{\"media\": \"p2p\"}", "{\"janus\": {\"url\": \"http://x:8088\"}}",
                "{\"janus\": {\"rtpPorts\": \"40000\"}}", "{\"janus\": {\"port\": 1}}"}) {
            Path file = dir.resolve("bad.json");
            Files.writeString(file, bad);
            assertThrows(IOException.class, () -> ServerConfigFile.load(file, ServerConfig.builder()), bad);
        }
    }

    @Test
    void clusterIsRead() throws IOException {
        Path file = dir.resolve("cluster.json");
        Files.writeString(file, """
                { "cluster": { "redis": "rediss://parley:pw@10.0.0.5:6380/3", "nodeId": "node-a",
                               "publicUrl": "wss://a.example.org" } }
                """);
        ClusterConfig cluster = ServerConfigFile.load(file, ServerConfig.builder()).build().cluster();
        assertEquals("10.0.0.5", cluster.redisHost());
        assertEquals(6380, cluster.redisPort());
        assertEquals(3, cluster.redisDatabase());
        assertTrue(cluster.redisTls() && cluster.redisAuthenticated());
        assertEquals("rediss://10.0.0.5:6380/3", cluster.redisAddress(), "no credentials in what is printed");
        assertEquals("node-a", cluster.nodeId());
        assertEquals("wss://a.example.org", cluster.publicUrl());

        Files.writeString(file, "{ \"cluster\": { \"redis\": \"redis://10.0.0.5\" } }");
        ClusterConfig defaults = ServerConfigFile.load(file, ServerConfig.builder()).build().cluster();
        assertEquals(ClusterConfig.DEFAULT_REDIS_PORT, defaults.redisPort());
        assertTrue(defaults.nodeId().matches("node-[0-9a-f]{8}"), defaults.nodeId());
        assertEquals(null, defaults.publicUrl());
        assertEquals(null, ServerConfig.builder().build().cluster(), "a server alone without the key");

        for (String bad : new String[] {"{\"cluster\": {\"nodeId\": \"a\"}}", "{\"cluster\": {\"redis\": \"http://x:1\"}}",
                "{\"cluster\": {\"redis\": \"redis://x\", \"nodeId\": \"a b\"}}",
                "{\"cluster\": {\"redis\": \"redis://x\", \"publicUrl\": \"https://x\"}}",
                "{\"cluster\": {\"redis\": \"redis://x\", \"publicURL\": \"ws://x\"}}"}) {
            Files.writeString(file, bad);
            assertThrows(IOException.class, () -> ServerConfigFile.load(file, ServerConfig.builder()), bad);
        }
    }

    @Test
    void unknownKeysAndBadFilesAreRefused() throws IOException {
        Path typo = dir.resolve("typo.json");
        Files.writeString(typo, "{ \"prot\": 80 }");
        IOException e = assertThrows(IOException.class, () -> ServerConfigFile.load(typo, ServerConfig.builder()));
        assertTrue(e.getMessage().contains("prot"), e.getMessage());
        assertThrows(IOException.class, () -> ServerConfigFile.load(dir.resolve("missing.json"), ServerConfig.builder()));
    }
}
