package dev.parley.server;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a client's opening handshake, the HTTP request head that asks for a WebSocket upgrade,
 * against RFC 6455 section 4.2.1 before the WebSocket library sees it: {@code GET} over HTTP/1.1
 * or later, a {@code Host}, {@code Upgrade: websocket}, a {@code Connection} header with the
 * {@code Upgrade} token, {@code Sec-WebSocket-Version: 13} and a {@code Sec-WebSocket-Key} that
 * is the base64 of 16 bytes.
 *
 * <p>Stateless and thread-safe.
 */
final class UpgradeRequest {
    /** What a refused handshake is answered with; {@code extraHeaders} is empty or CRLF-terminated lines. */
    record Refusal(int status, String statusText, String reason, String extraHeaders) {

        /** The whole HTTP response, ending the connection. */
        byte[] response() {
            String body = reason + "\n";
            return ("HTTP/1.1 " + status + " " + statusText + "\r\n"
                    + extraHeaders
                    + "Content-Type: text/plain; charset=utf-8\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                    + "Connection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
        }
    }

    static final Refusal TOO_LARGE = new Refusal(431, "Request Header Fields Too Large",
            "the upgrade request's headers are too large", "");

    private UpgradeRequest() {
    }

    /**
     * Checks a complete request head (everything before the empty line that ends it).
     *
     * @return null when the request is a valid upgrade, else how to refuse it
     */
    static Refusal check(byte[] head, int length) {
        // ISO-8859-1 keeps every byte as one char, so nothing in the head can fail to decode.
        String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r\n", -1);
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || requestLine[1].isEmpty()) {
            return bad("malformed request line");
        }
        if (!requestLine[0].equals("GET")) {
            return new Refusal(405, "Method Not Allowed", "only GET can upgrade to a WebSocket", "Allow: GET\r\n");
        }
        if (!requestLine[2].matches("HTTP/1\\.[1-9]|HTTP/[2-9]\\.[0-9]")) {
            return bad("the upgrade needs HTTP/1.1");
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                return bad("malformed header line");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            // repeated headers are combined as HTTP does
            headers.merge(name, value, (a, b) -> a + "," + b);
        }
        if (!headers.containsKey("host")) {
            return bad("missing Host header");
        }
        if (!hasToken(headers.get("upgrade"), "websocket")) {
            return bad("the Upgrade header must be websocket");
        }
        if (!hasToken(headers.get("connection"), "upgrade")) {
            return bad("the Connection header must include Upgrade");
        }
        if (!"13".equals(headers.get("sec-websocket-version"))) {
            return new Refusal(426, "Upgrade Required", "only WebSocket version 13 is supported",
                    "Sec-WebSocket-Version: 13\r\n");
        }
        if (!isKey(headers.get("sec-websocket-key"))) {
            return bad("Sec-WebSocket-Key must be the base64 of 16 bytes");
        }
        return null;
    }

    private static Refusal bad(String reason) {
        return new Refusal(400, "Bad Request", reason, "");
    }

    /** Whether a comma-separated header value holds {@code token}, ignoring case. */
    private static boolean hasToken(String value, String token) {
        if (value == null) {
            return false;
        }
        for (String part : value.split(",")) {
            if (part.strip().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isKey(String value) {
        if (value == null || value.length() != 24 || !value.endsWith("==")) {
            return false;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(value);
            // only one spelling of 16 bytes: the two unused bits before the padding are zero
            return bytes.length == 16 && Base64.getEncoder().encodeToString(bytes).equals(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
