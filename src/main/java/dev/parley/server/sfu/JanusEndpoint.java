package dev.parley.server.sfu;

import java.net.URI;

/**
 * Where a Janus instance answers and the secrets it wants. Immutable.
 *
 * @param api the WebSocket URL of its API ({@code janus-protocol})
 * @param admin the WebSocket URL of its admin API, or null when it has none
 * @param apiSecret the {@code api_secret} every API request carries, or null
 * @param adminSecret the {@code admin_secret} of the admin API, or null
 * @param adminKey the VideoRoom plugin's {@code admin_key}, needed to create rooms, or null
 */
public record JanusEndpoint(URI api, URI admin, String apiSecret, String adminSecret, String adminKey) {
}
