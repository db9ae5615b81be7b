package dev.parley.testing;

import dev.parley.engine.BroadcastMessageInfo;
import dev.parley.engine.EventHandler;
import dev.parley.engine.PublisherState;
import dev.parley.engine.RemoteDeviceState;
import dev.parley.engine.RoomExtraInfo;
import dev.parley.engine.RoomState;
import dev.parley.engine.RoomStateChangedReason;
import dev.parley.engine.Stream;
import dev.parley.engine.UpdateType;
import dev.parley.engine.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Records every engine event, with the thread it arrived on, and lets tests wait for events with
 * a timeout. Thread-safe.
 */
public class EventRecorder implements EventHandler {
    public sealed interface Event {
    }

    public record RoomStateUpdate(String roomID, RoomState state, int errorCode) implements Event {
    }

    public record RoomStateChanged(String roomID, RoomStateChangedReason reason, int errorCode) implements Event {
    }

    public record UserUpdate(String roomID, UpdateType type, List<User> users) implements Event {
        public boolean has(String userID) {
            return users.stream().anyMatch(u -> u.userID().equals(userID));
        }
    }

    public record StreamUpdate(String roomID, UpdateType type, List<Stream> streams) implements Event {
        public boolean has(String streamID) {
            return streams.stream().anyMatch(s -> s.streamID().equals(streamID));
        }
    }

    public record StreamExtraInfo(String roomID, List<Stream> streams) implements Event {
    }

    public record RoomExtraInfoUpdate(String roomID, List<RoomExtraInfo> infos) implements Event {
    }

    public record TokenWillExpire(String roomID, int secondsLeft) implements Event {
    }

    public record TokenRenewFailed(String roomID, int errorCode) implements Event {
    }

    public record PublisherStateUpdate(String streamID, PublisherState state, int errorCode) implements Event {
    }

    public record BroadcastReceived(String roomID, List<BroadcastMessageInfo> messages) implements Event {
    }

    public record CustomCommandReceived(String roomID, User fromUser, String command) implements Event {
    }

    /** A remote camera or microphone state; {@code device} is "camera" or "microphone". */
    public record RemoteDevice(String streamID, String device, RemoteDeviceState state) implements Event {
    }

    private final List<Event> events = new ArrayList<>();
    private final Set<String> threadNames = new LinkedHashSet<>();

    private synchronized void record(Event event) {
        events.add(event);
        threadNames.add(Thread.currentThread().getName());
        notifyAll();
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    public synchronized Set<String> threadNames() {
        return Set.copyOf(threadNames);
    }

    public synchronized <T extends Event> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits until an event of {@code type} matching {@code test} has been recorded, and returns the first such. */
    public <T extends Event> T await(Class<T> type, Predicate<T> test, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                for (Event e : events) {
                    if (type.isInstance(e) && test.test(type.cast(e))) {
                        return type.cast(e);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + type.getSimpleName() + " matching within " + timeout
                            + "; events: " + events);
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", ie);
                }
            }
        }
    }

    public <T extends Event> T await(Class<T> type, Predicate<T> test) {
        return await(type, test, Duration.ofSeconds(10));
    }

    public RoomStateChanged awaitReason(RoomStateChangedReason reason) {
        return await(RoomStateChanged.class, e -> e.reason() == reason);
    }

    /**
     * Waits until {@code condition} holds; it is checked at every new event and at least every
     * 50 ms, so it may also look at things outside the recorder.
     */
    public void awaitThat(Predicate<EventRecorder> condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!condition.test(this)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("not within " + timeout + ": " + what + "; events: " + events);
                }
                try {
                    wait(Math.max(1, Math.min(50, left / 1_000_000)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", ie);
                }
            }
        }
    }

    /** The other users present now, from the ADD and DELETE events in order. */
    public synchronized Set<String> usersPresent() {
        Set<String> present = new TreeSet<>();
        for (UserUpdate u : all(UserUpdate.class)) {
            u.users().forEach(user -> {
                if (u.type() == UpdateType.ADD) {
                    present.add(user.userID());
                } else {
                    present.remove(user.userID());
                }
            });
        }
        return present;
    }

    /** The other users' streams present now, from the ADD and DELETE events in order. */
    public synchronized Set<String> streamsPresent() {
        Set<String> present = new TreeSet<>();
        for (StreamUpdate u : all(StreamUpdate.class)) {
            u.streams().forEach(stream -> {
                if (u.type() == UpdateType.ADD) {
                    present.add(stream.streamID());
                } else {
                    present.remove(stream.streamID());
                }
            });
        }
        return present;
    }

    public synchronized int count(Predicate<Event> test) {
        return (int) events.stream().filter(test).count();
    }

    @Override
    public void onRoomStateUpdate(String roomID, RoomState state, int errorCode, String extendedData) {
        record(new RoomStateUpdate(roomID, state, errorCode));
    }

    @Override
    public void onRoomStateChanged(String roomID, RoomStateChangedReason reason, int errorCode, String extendedData) {
        record(new RoomStateChanged(roomID, reason, errorCode));
    }

    @Override
    public void onRoomUserUpdate(String roomID, UpdateType updateType, List<User> users) {
        record(new UserUpdate(roomID, updateType, List.copyOf(users)));
    }

    @Override
    public void onRoomStreamUpdate(String roomID, UpdateType updateType, List<Stream> streams, String extendedData) {
        record(new StreamUpdate(roomID, updateType, List.copyOf(streams)));
    }

    @Override
    public void onRoomStreamExtraInfoUpdate(String roomID, List<Stream> streams) {
        record(new StreamExtraInfo(roomID, List.copyOf(streams)));
    }

    @Override
    public void onRoomExtraInfoUpdate(String roomID, List<RoomExtraInfo> infos) {
        record(new RoomExtraInfoUpdate(roomID, List.copyOf(infos)));
    }

    @Override
    public void onRoomTokenWillExpire(String roomID, int remainTimeInSecond) {
        record(new TokenWillExpire(roomID, remainTimeInSecond));
    }

    @Override
    public void onRoomTokenRenewFailed(String roomID, int errorCode) {
        record(new TokenRenewFailed(roomID, errorCode));
    }

    @Override
    public void onPublisherStateUpdate(String streamID, PublisherState state, int errorCode, String extendedData) {
        record(new PublisherStateUpdate(streamID, state, errorCode));
    }

    @Override
    public void onIMRecvBroadcastMessage(String roomID, List<BroadcastMessageInfo> messages) {
        record(new BroadcastReceived(roomID, List.copyOf(messages)));
    }

    @Override
    public void onIMRecvCustomCommand(String roomID, User fromUser, String command) {
        record(new CustomCommandReceived(roomID, fromUser, command));
    }

    @Override
    public void onRemoteCameraStateUpdate(String streamID, RemoteDeviceState state) {
        record(new RemoteDevice(streamID, "camera", state));
    }

    @Override
    public void onRemoteMicStateUpdate(String streamID, RemoteDeviceState state) {
        record(new RemoteDevice(streamID, "microphone", state));
    }
}
