package dev.parley.server.web;

/** Opens the package-private policy builder to the server tests. */
public final class ContentSecurityPolicyProbe {
    private ContentSecurityPolicyProbe() {
    }

    public static String host(String hostHeader) {
        return ContentSecurityPolicy.hostOf(hostHeader);
    }

    public static String policy(String hostHeader, int port) {
        return ContentSecurityPolicy.forPage(hostHeader, port, false);
    }
}
