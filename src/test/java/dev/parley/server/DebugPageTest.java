package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.TestServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The debug page's files, its config, its security headers, and what it refuses. */
class DebugPageTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private ParleyServer server;

    @BeforeEach
    void setUp() {
        server = TestServers.start(b -> b.webPort(0));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.webUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePageWithAStrictPolicy() throws Exception {
        HttpResponse<String> page = get("");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script type=\"module\" src=\"page.js\"></script>"));
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.startsWith("default-src 'none'; script-src 'self'; style-src 'self';"), csp);
        assertTrue(csp.contains("connect-src 'self' ws://127.0.0.1:" + server.port() + ";"), csp);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
        for (String file : new String[] {"page.js", "parley-client.js", "style.css", "favicon.svg"}) {
            assertEquals(200, get(file).statusCode(), file);
        }
        assertEquals("text/javascript; charset=utf-8", get("parley-client.js").headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"webSocketPort\":" + server.port() + ",\"secure\":false}", get("config.json").body());
    }

    @Test
    void aServerWithThePublicDevelopmentAppHandsItToThePage() throws Exception {
        AppCredentials publicApp = new AppCredentials(7, "public-app-sign-0123", "public-server-secret-0123");
        try (ParleyServer dev = ParleyServer.start(TestServers.config().webPort(0).app(publicApp).build(), 7)) {
            HttpResponse<String> config = http.send(HttpRequest.newBuilder(URI.create(dev.webUrl() + "config.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("{\"webSocketPort\":" + dev.port() + ",\"secure\":false,"
                    + "\"developmentApp\":{\"appId\":7,\"appSign\":\"public-app-sign-0123\"}}", config.body());
            assertFalse(config.body().contains("server-secret"));
        }
        // an app the config lacks, or one without an appSign, is refused
        assertThrows(IllegalArgumentException.class, () -> ParleyServer.start(TestServers.config().webPort(0).build(), 7));
        assertThrows(IllegalArgumentException.class,
                () -> ParleyServer.start(TestServers.config().webPort(0).build(), TestServers.OTHER_APP_ID));
    }

    @Test
    void refusesEverythingElse() throws Exception {
        assertEquals(404, get("missing.js").statusCode());
        assertEquals(404, get("dev/parley/server/ParleyServer.class").statusCode());
        assertEquals(404, get("..%2F..%2Flogback.xml").statusCode());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(server.webUrl()))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void aHostileHostHeaderDoesNotReachThePolicy() {
        assertEquals("calls.example.org", dev.parley.server.web.ContentSecurityPolicyProbe.host("calls.example.org:7879"));
        assertEquals("[::1]", dev.parley.server.web.ContentSecurityPolicyProbe.host("[::1]:7879"));
        assertNull(dev.parley.server.web.ContentSecurityPolicyProbe.host("evil.example; script-src *"));
        assertNull(dev.parley.server.web.ContentSecurityPolicyProbe.host("[::1; x]"));
        assertTrue(dev.parley.server.web.ContentSecurityPolicyProbe.policy("a b", 1).contains("connect-src 'self';"));
    }

    @Test
    void noPageUnlessAsked() {
        try (ParleyServer plain = TestServers.start()) {
            assertNull(plain.webUrl());
        }
    }
}
