package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The opening handshake rules on their own; HostileClientTest sends the same over sockets. */
class UpgradeRequestTest {
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private static UpgradeRequest.Refusal check(String head) {
        byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
        return UpgradeRequest.check(bytes, bytes.length);
    }

    private static String request(String... headers) {
        return "GET /ws?x=1 HTTP/1.1\r\n" + String.join("\r\n", headers);
    }

    @Test
    void aCorrectRequestPassesWhateverTheCaseAndOrderOfItsHeaders() {
        assertNull(check(request("Host: h", "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: " + KEY,
                "Sec-WebSocket-Version: 13")));
        assertNull(check(request("sec-websocket-version: 13", "UPGRADE: WebSocket", "connection: keep-alive, upgrade",
                "SEC-WEBSOCKET-KEY:   " + KEY, "host: h", "User-Agent: x")));
    }

    @Test
    void eachMissingOrWrongPartHasItsStatus() {
        String host = "Host: h";
        String upgrade = "Upgrade: websocket";
        String connection = "Connection: Upgrade";
        String key = "Sec-WebSocket-Key: " + KEY;
        String version = "Sec-WebSocket-Version: 13";
        assertEquals(400, check(request(upgrade, connection, key, version)).status());
        assertEquals(400, check(request(host, connection, key, version)).status());
        assertEquals(400, check(request(host, "Upgrade: h2c", connection, key, version)).status());
        assertEquals(400, check(request(host, upgrade, key, version)).status());
        assertEquals(400, check(request(host, upgrade, connection, version)).status());
        assertEquals(400, check(request(host, upgrade, connection, "Sec-WebSocket-Key: abc", version)).status());
        // 16 bytes, but the last base64 digit has bits set that the padding drops
        assertEquals(400, check(request(host, upgrade, connection, "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZR==",
                version)).status());
        assertEquals(426, check(request(host, upgrade, connection, key, "Sec-WebSocket-Version: 8")).status());
        assertEquals(405, check("POST / HTTP/1.1\r\n" + String.join("\r\n", host, upgrade, connection, key, version)).status());
        assertEquals(400, check("GET / HTTP/1.0\r\n" + String.join("\r\n", host, upgrade, connection, key, version)).status());
        assertEquals(400, check("GET /\r\n" + host).status());
        assertEquals(400, check(request(host, "no colon here")).status());
    }

    @Test
    void aRefusalIsACompleteHttpResponse() {
        String response = new String(UpgradeRequest.TOO_LARGE.response(), StandardCharsets.UTF_8);
        String body = UpgradeRequest.TOO_LARGE.reason() + "\n";
        assertEquals("HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body, response);
    }
}
