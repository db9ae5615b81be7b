package dev.parley.server;

/**
 * The TCP connections a server holds that have not completed the WebSocket upgrade. Immutable.
 *
 * @param connections open connections before their upgrade
 * @param bytes bytes of upgrade requests they hold, at most the handshake limit each
 */
public record UpgradeBacklog(int connections, long bytes) {
}
