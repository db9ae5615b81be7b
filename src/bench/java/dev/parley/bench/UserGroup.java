package dev.parley.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Simulated users in one room: joined at a fixed pace, made to broadcast on a fixed schedule, and
 * sent away. Driven from the benchmark's main thread; not thread-safe.
 */
final class UserGroup {
    private final List<SimulatedUser> users;
    private final int joinedCount;

    private UserGroup(List<SimulatedUser> users, int joinedCount) {
        this.users = users;
        this.joinedCount = joinedCount;
    }

    /**
     * Connects {@code count} users to {@code roomId}, starting one every {@code 1/loginsPerSecond}
     * seconds, and waits until all are in the room or {@code timeout} passes.
     */
    static UserGroup join(ClientRuntime runtime, URI uri, SimulatedUser.Protocol protocol, String roomId,
                          String userPrefix, int count, int loginsPerSecond, boolean userStatusNotify,
                          Duration timeout) throws InterruptedException {
        List<SimulatedUser> users = new ArrayList<>(count);
        List<CompletableFuture<SimulatedUser>> joins = new ArrayList<>(count);
        long interval = 1_000_000_000L / loginsPerSecond;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            parkUntil(start + i * interval);
            SimulatedUser user = new SimulatedUser(runtime, protocol, i, userPrefix + String.format("%04d", i), roomId,
                    userStatusNotify);
            users.add(user);
            joins.add(user.connect(uri));
        }
        try {
            CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // counted below
        }
        int joined = 0;
        for (CompletableFuture<SimulatedUser> f : joins) {
            if (f.isDone() && !f.isCompletedExceptionally()) {
                joined++;
            }
        }
        return new UserGroup(users, joined);
    }

    static void parkUntil(long deadlineNanos) {
        long wait;
        while ((wait = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    int size() {
        return users.size();
    }

    int joinedCount() {
        return joinedCount;
    }

    /** When the last user started to connect. */
    long lastConnectNanos() {
        return users.stream().mapToLong(SimulatedUser::connectNanos).max().orElse(System.nanoTime());
    }

    long[] loginNanos() {
        return users.stream().mapToLong(SimulatedUser::loginNanos).toArray();
    }

    long[] joinNanos() {
        return users.stream().mapToLong(SimulatedUser::joinNanos).toArray();
    }

    /** Logins (for the baseline, connects) actually sent per second, first to last. */
    double loginRate() {
        long[] sent = users.stream()
                .mapToLong(u -> u.loginSentNanos() != 0 ? u.loginSentNanos() : u.connectNanos())
                .filter(v -> v != 0).sorted().toArray();
        if (sent.length < 2) {
            return Double.NaN;
        }
        return (sent.length - 1) / ((sent[sent.length - 1] - sent[0]) / 1e9);
    }

    /**
     * Whether the login replies listed 0, 1, ..., n-1 other users: each login saw exactly the users
     * who were in before it.
     */
    boolean rostersConsistent() {
        int[] sizes = users.stream().mapToInt(SimulatedUser::rosterSize).sorted().toArray();
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] != i) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sends {@code messages} broadcasts, one every {@code spacing}, from users 0..senders-1 in turn.
     *
     * @return the sender of each message
     */
    int[] broadcast(int messages, int senders, Duration spacing) {
        int[] senderOf = new int[messages];
        long start = System.nanoTime();
        for (int m = 0; m < messages; m++) {
            parkUntil(start + m * spacing.toNanos());
            SimulatedUser sender = users.get(m % senders);
            senderOf[m] = sender.index();
            sender.sendBroadcast(m);
        }
        return senderOf;
    }

    /** Logs everyone out and closes; aborts whoever is not closed within {@code timeout}. */
    void leave(Duration timeout) throws InterruptedException {
        List<CompletableFuture<Void>> closes = new ArrayList<>();
        for (SimulatedUser user : users) {
            closes.add(user.leave());
        }
        try {
            CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // aborted below
        }
        for (SimulatedUser user : users) {
            user.abort();
        }
    }
}
