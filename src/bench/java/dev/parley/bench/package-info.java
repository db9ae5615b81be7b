/**
 * The benchmarks, each setting Parley's figures beside a raw baseline measured in the same run.
 *
 * <p>Run with {@code ./mvnw -B -Pbench verify -DskipTests}. {@link dev.parley.bench.RoomServerBenchmark}:
 * simulated users against a real Parley server and a bare Java-WebSocket broadcast server, each in a
 * child JVM of its own ({@link dev.parley.bench.BenchServerMain}) so that its heap is measured alone.
 * {@link dev.parley.bench.ClusterBenchmark}: logins through either of two nodes sharing a Redis,
 * redirects included, beside one node alone.
 * {@link dev.parley.bench.RenderBenchmark}: the app's render path beside the bare conversion.
 * {@link dev.parley.bench.MediaBenchmark}: latency, start-up and CPU cost of a Parley call beside
 * two bare webrtc-java peer connections. {@link dev.parley.bench.RelayBenchmark}: a call relayed
 * through a real coturn beside the same call direct.
 */
package dev.parley.bench;
