package dev.parley.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Collects broadcast fan-out latencies: for every message, the time from the sender's
 * {@link System#nanoTime()} (carried in the message) to its arrival at each other user.
 *
 * <p>A message's payload is {@code bench:<seq>:<senderIndex>:<sendNanos>}. The sender's own copy
 * (the baseline echoes to everyone) is ignored. Thread-safe: receivers record from the clients'
 * threads; the main thread reads once {@link #await} returns.
 */
final class FanoutRecorder {
    private static final String MARK = "bench:";

    private final int messages;
    private final int users;
    private final long[] latencies;
    private final CountDownLatch all;
    private final LongAdder unexpected = new LongAdder();

    FanoutRecorder(int messages, int users) {
        this.messages = messages;
        this.users = users;
        this.latencies = new long[messages * users];
        java.util.Arrays.fill(latencies, -1);
        this.all = new CountDownLatch(messages * (users - 1));
    }

    static String payload(int seq, int senderIndex, long sendNanos) {
        return MARK + seq + ':' + senderIndex + ':' + sendNanos;
    }

    /** Records the arrival of {@code text} at user {@code receiver} at {@code nowNanos}. */
    void record(String text, int receiver, long nowNanos) {
        int at = text.indexOf(MARK);
        if (at < 0) {
            unexpected.increment();
            return;
        }
        int[] pos = {at + MARK.length()};
        long seq = number(text, pos);
        long sender = number(text, pos);
        long sent = number(text, pos);
        if (seq < 0 || seq >= messages || sender < 0 || sent < 0 || receiver >= users) {
            unexpected.increment();
            return;
        }
        if (sender == receiver) {
            return;
        }
        int slot = (int) seq * users + receiver;
        if (latencies[slot] >= 0) {
            unexpected.increment();
            return;
        }
        latencies[slot] = nowNanos - sent;
        all.countDown();
    }

    private static long number(String text, int[] pos) {
        int i = pos[0];
        long value = 0;
        int start = i;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            value = value * 10 + (text.charAt(i) - '0');
            i++;
        }
        pos[0] = i + 1;
        return i == start ? -1 : value;
    }

    /** Waits until every message reached every other user; false on timeout. */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return all.await(timeout, unit);
    }

    /** Deliveries still missing. */
    long missing() {
        return all.getCount();
    }

    long unexpected() {
        return unexpected.sum();
    }

    /** Per-receiver latencies of messages {@code from} (inclusive) to the end, in nanoseconds; -1 for missing. */
    long[] perReceiver(int from, int[] senderOf) {
        long[] out = new long[(messages - from) * (users - 1)];
        int n = 0;
        for (int m = from; m < messages; m++) {
            for (int u = 0; u < users; u++) {
                if (u != senderOf[m]) {
                    out[n++] = latencies[m * users + u];
                }
            }
        }
        return out;
    }

    /** For each message from {@code from} on, the latency of its slowest receiver; -1 if any is missing. */
    long[] slowestReceiver(int from, int[] senderOf) {
        long[] out = new long[messages - from];
        for (int m = from; m < messages; m++) {
            long worst = 0;
            for (int u = 0; u < users && worst >= 0; u++) {
                if (u != senderOf[m]) {
                    long v = latencies[m * users + u];
                    worst = v < 0 ? -1 : Math.max(worst, v);
                }
            }
            out[m - from] = worst;
        }
        return out;
    }
}
