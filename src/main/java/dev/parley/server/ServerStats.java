package dev.parley.server;

/**
 * Counts of what a server holds at one moment. Immutable.
 *
 * @param rooms rooms with at least one member
 * @param sessions logged-in sessions, including those waiting for a resume
 * @param streams live streams
 * @param connections open WebSocket connections
 */
public record ServerStats(int rooms, int sessions, int streams, int connections) {
}
