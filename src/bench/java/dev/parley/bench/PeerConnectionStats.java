package dev.parley.bench;

import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where the time of a video frame goes, from WebRTC's own counters: the video counters of every
 * peer connection reachable from some objects (an engine, a raw baseline), read at the start and
 * the end of a window and turned into per-frame averages: encode time and the pacer's send delay
 * at the sender, the jitter buffer's delay, target and minimum (the minimum includes what lip
 * sync asks for), and decode time at the receiver.
 *
 * <p>Finding the connections walks the objects' fields by reflection, so that no engine code has
 * to expose them; it is a diagnostic. Main thread.
 */
final class PeerConnectionStats {
    private static final String[] COUNTERS = {
            "outbound:totalEncodeTime", "outbound:framesEncoded", "outbound:totalPacketSendDelay", "outbound:packetsSent",
            "inbound:jitterBufferDelay", "inbound:jitterBufferTargetDelay", "inbound:jitterBufferMinimumDelay",
            "inbound:jitterBufferEmittedCount", "inbound:totalDecodeTime", "inbound:framesDecoded",
            "inbound:totalProcessingDelay", "inbound:framesDropped", "inbound:freezeCount"};
    private final List<RTCPeerConnection> connections;
    private Map<String, Double> start = Map.of();

    private PeerConnectionStats(List<RTCPeerConnection> connections) {
        this.connections = connections;
    }

    /** The connections reachable from {@code roots}. */
    static PeerConnectionStats of(Object... roots) {
        return new PeerConnectionStats(find(roots));
    }

    int connectionCount() {
        return connections.size();
    }

    /** The m= and msid lines of each connection's remote description, to see which streams sync. */
    String remoteStreams() {
        StringBuilder out = new StringBuilder();
        for (RTCPeerConnection pc : connections) {
            try {
                var description = pc.getRemoteDescription();
                out.append("[");
                for (String line : description.sdp.split("\r?\n")) {
                    if (line.startsWith("m=") || line.startsWith("a=msid:") || line.contains(" msid:")) {
                        out.append(line.length() > 40 ? line.substring(0, 40) : line).append("; ");
                    }
                }
                out.append("] ");
            } catch (RuntimeException | Error e) {
                out.append("[?] ");
            }
        }
        return out.toString();
    }

    void startWindow() {
        start = read();
    }

    /** Per-frame averages over the window, in ms. */
    Map<String, Double> endWindow() {
        Map<String, Double> end = read();
        Map<String, Double> d = new LinkedHashMap<>();
        for (String key : COUNTERS) {
            d.put(key, end.getOrDefault(key, 0.0) - start.getOrDefault(key, 0.0));
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("encodeMs", perMs(d, "outbound:totalEncodeTime", "outbound:framesEncoded"));
        out.put("sendDelayMs", perMs(d, "outbound:totalPacketSendDelay", "outbound:packetsSent"));
        out.put("jitterBufferMs", perMs(d, "inbound:jitterBufferDelay", "inbound:jitterBufferEmittedCount"));
        out.put("targetMs", perMs(d, "inbound:jitterBufferTargetDelay", "inbound:jitterBufferEmittedCount"));
        out.put("minimumMs", perMs(d, "inbound:jitterBufferMinimumDelay", "inbound:jitterBufferEmittedCount"));
        out.put("decodeMs", perMs(d, "inbound:totalDecodeTime", "inbound:framesDecoded"));
        out.put("processingMs", perMs(d, "inbound:totalProcessingDelay", "inbound:framesDecoded"));
        out.put("framesDropped", d.get("inbound:framesDropped"));
        out.put("freezes", d.get("inbound:freezeCount"));
        return out;
    }

    private static double perMs(Map<String, Double> d, String total, String count) {
        double n = d.get(count);
        return n <= 0 ? Double.NaN : Math.round(d.get(total) / n * 1000 * 100) / 100.0;
    }

    /** The video counters of all connections together. */
    private Map<String, Double> read() {
        Map<String, Double> sums = new LinkedHashMap<>();
        for (RTCPeerConnection pc : connections) {
            CompletableFuture<RTCStatsReport> report = new CompletableFuture<>();
            try {
                pc.getStats(report::complete);
                for (RTCStats s : report.get(5, TimeUnit.SECONDS).getStats().values()) {
                    Map<String, Object> a = s.getAttributes();
                    if (!"video".equals(a.get("kind"))) {
                        continue;
                    }
                    String side = s.getType() == RTCStatsType.OUTBOUND_RTP ? "outbound"
                            : s.getType() == RTCStatsType.INBOUND_RTP ? "inbound" : null;
                    if (side == null) {
                        continue;
                    }
                    for (String key : COUNTERS) {
                        if (key.startsWith(side + ":") && a.get(key.substring(side.length() + 1)) instanceof Number n) {
                            sums.merge(key, n.doubleValue(), Double::sum);
                        }
                    }
                }
            } catch (Exception | Error e) {
                // a closed connection: nothing to count
            }
        }
        return sums;
    }

    /** The elements of a collection another thread may be changing. */
    private static List<Object> copy(Collection<?> c) {
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return new ArrayList<>(c);
            } catch (java.util.ConcurrentModificationException e) {
                // try again
            }
        }
        return List.of();
    }

    private static List<RTCPeerConnection> find(Object... roots) {
        return reachable(RTCPeerConnection.class, roots);
    }

    /** The objects of {@code type} reachable from {@code roots} through fields, maps, collections and arrays. */
    static <T> List<T> reachable(Class<T> type, Object... roots) {
        List<T> found = new ArrayList<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> todo = new ArrayDeque<>(List.of(roots));
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (o == null || !seen.add(o)) {
                continue;
            }
            if (type.isInstance(o)) {
                found.add(type.cast(o));
                continue;
            }
            if (o instanceof Map<?, ?> map) {
                todo.addAll(copy(map.values()));
                continue;
            }
            if (o instanceof Collection<?> c) {
                todo.addAll(copy(c));
                continue;
            }
            Class<?> kind = o.getClass();
            if (kind.isArray()) {
                if (!kind.getComponentType().isPrimitive()) {
                    for (int i = 0; i < Array.getLength(o); i++) {
                        todo.push(Array.get(o, i));
                    }
                }
                continue;
            }
            String name = kind.getName();
            if (!name.startsWith("dev.parley.") && !name.startsWith("dev.onvoid.")) {
                continue;
            }
            for (Class<?> c = kind; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                        continue;
                    }
                    try {
                        f.setAccessible(true);
                        todo.push(f.get(o));
                    } catch (RuntimeException | IllegalAccessException e) {
                        // not readable: skip
                    }
                }
            }
        }
        return found;
    }
}
