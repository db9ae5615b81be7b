package dev.parley.app;

import dev.parley.engine.EngineProfile;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * What a user types for the server: one room server URL, or several nodes of one service separated
 * by commas or spaces ({@code wss://a.example.org, wss://b.example.org}), tried in that order when a
 * node cannot be reached. Immutable.
 *
 * @param urls the URLs in the order given; empty when the text has none
 */
public record ServerList(List<String> urls) {
    public ServerList {
        urls = List.copyOf(urls);
    }

    public static ServerList parse(String text) {
        if (text == null || text.isBlank()) {
            return new ServerList(List.of());
        }
        return new ServerList(Arrays.stream(text.strip().split("[,\\s]+")).filter(s -> !s.isEmpty()).toList());
    }

    /** Whether there is at least one URL and each is {@code ws://host[:port]} or {@code wss://host[:port]}. */
    public boolean valid() {
        return !urls.isEmpty() && urls.stream().allMatch(ServerList::isServerUrl);
    }

    /** A profile builder for the first URL, with the others as its fallbacks; the profile checks each URL. */
    public EngineProfile.Builder profile(long appId) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no server URL given");
        }
        return EngineProfile.builder(appId, urls.get(0)).fallbackServerUrls(urls.subList(1, urls.size()));
    }

    private static boolean isServerUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
