package dev.parley.server;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * TURN relays the server hands to clients with credentials of their own, in the TURN REST API
 * form that coturn's {@code use-auth-secret} checks. Immutable.
 *
 * @param urls {@code turn:} (UDP or TCP with {@code ?transport=}) and {@code turns:} (TLS) URLs
 * @param secret the secret shared with the TURN server ({@code static-auth-secret})
 * @param lifetime how long each minted credential is valid
 */
public record TurnConfig(List<String> urls, String secret, Duration lifetime) {
    /** The lifetime of a credential when none is given. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);

    public TurnConfig {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("turn needs at least one URL");
        }
        for (String url : urls) {
            check(url);
        }
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("turn needs the secret shared with the TURN server");
        }
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("turn credentials must live at least a minute: " + lifetime);
        }
    }

    /** Checks one TURN URL (RFC 7065): {@code turn:} or {@code turns:}, a host, an optional port and transport. */
    static void check(String url) {
        String rest;
        if (url.startsWith("turn:")) {
            rest = url.substring(5);
        } else if (url.startsWith("turns:")) {
            rest = url.substring(6);
        } else {
            throw new IllegalArgumentException("not a turn: or turns: URL: " + url);
        }
        String hostPort = rest;
        int query = rest.indexOf('?');
        if (query >= 0) {
            String params = rest.substring(query + 1);
            if (!params.equals("transport=udp") && !params.equals("transport=tcp")) {
                throw new IllegalArgumentException("a TURN URL's only parameter is transport=udp or transport=tcp: " + url);
            }
            hostPort = rest.substring(0, query);
        }
        URI parsed;
        try {
            parsed = URI.create("turn://" + hostPort);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a TURN URL: " + url);
        }
        if (parsed.getHost() == null || parsed.getPath() != null && !parsed.getPath().isEmpty()
                || parsed.getUserInfo() != null || (parsed.getPort() != -1 && (parsed.getPort() < 1 || parsed.getPort() > 65535))) {
            throw new IllegalArgumentException("not a TURN URL (turn:HOST[:PORT][?transport=udp|tcp]): " + url);
        }
    }
}
