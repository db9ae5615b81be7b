package dev.parley.protocol;

import java.util.List;

/**
 * A STUN or TURN server the server hands to clients at login. Immutable.
 *
 * @param urls such as {@code stun:host:3478} or {@code turn:host:3478?transport=udp}
 * @param username TURN user name, or null
 * @param credential TURN credential, or null
 */
public record IceServer(List<String> urls, String username, String credential) {
    public IceServer {
        urls = urls == null ? List.of() : List.copyOf(urls);
    }
}
