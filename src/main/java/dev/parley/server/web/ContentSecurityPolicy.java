package dev.parley.server.web;

/**
 * The debug page's Content-Security-Policy: its own scripts, styles and images only, media from
 * the browser's own streams, and connections to this server's WebSocket. Stateless.
 */
final class ContentSecurityPolicy {
    private ContentSecurityPolicy() {
    }

    /**
     * @param hostHeader the request's Host header; only a plain host name, IPv4 or bracketed IPv6
     *                   address is used, anything else falls back to 'self' alone
     */
    static String forPage(String hostHeader, int webSocketPort, boolean tls) {
        String host = hostOf(hostHeader);
        String socket = host == null ? "" : " " + (tls ? "wss://" : "ws://") + host + ":" + webSocketPort;
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self' blob: mediastream:; "
                + "connect-src 'self'" + socket + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    /** The host part of a Host header, or null when it is not a safe, plain host. */
    static String hostOf(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty() || hostHeader.length() > 255) {
            return null;
        }
        String host;
        if (hostHeader.startsWith("[")) {
            int end = hostHeader.indexOf(']');
            if (end < 0) {
                return null;
            }
            host = hostHeader.substring(0, end + 1);
            return host.substring(1, host.length() - 1).matches("[0-9A-Fa-f:.]+") ? host : null;
        }
        int colon = hostHeader.indexOf(':');
        host = colon < 0 ? hostHeader : hostHeader.substring(0, colon);
        return host.matches("[A-Za-z0-9.-]+") ? host : null;
    }
}
