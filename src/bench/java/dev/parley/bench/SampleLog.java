package dev.parley.bench;

import java.util.Arrays;

/** A growable array of nanosecond samples with an on/off switch for warm-up. Thread-safe. */
final class SampleLog {
    private long[] values = new long[1024];
    private int size;
    private volatile boolean recording = true;

    synchronized void add(long nanos) {
        if (!recording) {
            return;
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    void recording(boolean on) {
        recording = on;
    }

    synchronized void clear() {
        size = 0;
    }

    synchronized long[] toArray() {
        return Arrays.copyOf(values, size);
    }

    synchronized int size() {
        return size;
    }
}
