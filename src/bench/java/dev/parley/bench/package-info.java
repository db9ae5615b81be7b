/**
 * The room-server benchmark: simulated users against a real Parley server, set beside a bare
 * Java-WebSocket broadcast server measured in the same run.
 *
 * <p>Run with {@code ./mvnw -B -Pbench verify -DskipTests}; the entry point is
 * {@link dev.parley.bench.RoomServerBenchmark}. The servers under test run in child JVMs
 * ({@link dev.parley.bench.BenchServerMain}) so that their heap is measured alone.
 */
package dev.parley.bench;
