package dev.parley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.server.ParleyServer;
import dev.parley.testing.Engines;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.LastInFirstOutExecutor;
import dev.parley.testing.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Callbacks arrive in the order of the events and one at a time, whatever executor the profile
 * gives: here one that runs the newest task first on three threads.
 */
class CallbackOrderTest {

    @Test
    void commandsAndStatesArriveInOrderOnAnExecutorThatRunsNewestFirst() {
        try (ParleyServer server = TestServers.start();
             LastInFirstOutExecutor executor = new LastInFirstOutExecutor(3)) {
            List<String> seen = new ArrayList<>();
            AtomicInteger running = new AtomicInteger();
            AtomicInteger mostAtOnce = new AtomicInteger();
            EventRecorder listener = new EventRecorder() {
                private void note(String what) {
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    synchronized (seen) {
                        seen.add(what);
                    }
                    running.decrementAndGet();
                }

                @Override
                public void onRoomStateChanged(String roomID, RoomStateChangedReason reason, int code, String data) {
                    note(reason.name());
                    super.onRoomStateChanged(roomID, reason, code, data);
                }

                @Override
                public void onIMRecvCustomCommand(String roomID, User fromUser, String command) {
                    note(command);
                    super.onIMRecvCustomCommand(roomID, fromUser, command);
                }
            };
            ParleyEngine receiver = ParleyEngine.createEngine(
                    TestServers.profile(server.url()).callbackExecutor(executor).build(), listener);
            EventRecorder senderEvents = new EventRecorder();
            ParleyEngine sender = TestServers.engine(server, senderEvents);
            try {
                receiver.loginRoom("r", new User("receiver"));
                listener.awaitReason(RoomStateChangedReason.LOGINED);
                sender.loginRoom("r", new User("sender"));
                senderEvents.awaitReason(RoomStateChangedReason.LOGINED);
                List<String> expected = new ArrayList<>(List.of("LOGINING", "LOGINED"));
                for (int i = 0; i < 40; i++) {
                    sender.sendCustomCommand("r", "command " + i, List.of(new User("receiver")), null);
                    expected.add("command " + i);
                }
                listener.awaitThat(r -> r.all(EventRecorder.CustomCommandReceived.class).size() == 40,
                        Duration.ofSeconds(10), "40 commands");
                synchronized (seen) {
                    assertEquals(expected, seen);
                }
                assertEquals(1, mostAtOnce.get(), "never two callbacks at once");
            } finally {
                Engines.destroy(sender, receiver);
            }
        }
    }
}
