package dev.parley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.server.ParleyServer;
import dev.parley.testing.Engines;
import dev.parley.testing.EventRecorder;
import dev.parley.testing.EventRecorder.BroadcastReceived;
import dev.parley.testing.EventRecorder.CustomCommandReceived;
import dev.parley.testing.EventRecorder.PublisherStateUpdate;
import dev.parley.testing.EventRecorder.RoomExtraInfoUpdate;
import dev.parley.testing.EventRecorder.StreamExtraInfo;
import dev.parley.testing.EventRecorder.StreamUpdate;
import dev.parley.testing.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Three engines in one room see each other, their streams and their messages, each exactly once. */
class MultiEngineRoomTest {
    private final ParleyServer server = TestServers.start();
    private final List<ParleyEngine> engines = new ArrayList<>();
    private final List<EventRecorder> recorders = new ArrayList<>();

    @AfterEach
    void tearDown() {
        Engines.destroy(engines.toArray(ParleyEngine[]::new));
        server.close();
    }

    private ParleyEngine join(String userId, String streamId) {
        EventRecorder recorder = new EventRecorder();
        ParleyEngine engine = TestServers.engine(server, recorder);
        engines.add(engine);
        recorders.add(recorder);
        engine.loginRoom("team", new User(userId, userId.toUpperCase()));
        recorder.awaitReason(RoomStateChangedReason.LOGINED);
        engine.startPublishingStream(streamId);
        recorder.await(PublisherStateUpdate.class, p -> p.state() == PublisherState.PUBLISHING);
        return engine;
    }

    @Test
    void everyoneSeesEveryoneElseAndTheirStreams() {
        join("ann", "ann-cam");
        join("ben", "ben-cam");
        join("cat", "cat-cam");
        String[] users = {"ann", "ben", "cat"};
        for (int i = 0; i < 3; i++) {
            EventRecorder r = recorders.get(i);
            Set<String> expectedUsers = new java.util.TreeSet<>(List.of(users));
            expectedUsers.remove(users[i]);
            Set<String> expectedStreams = new java.util.TreeSet<>();
            expectedUsers.forEach(u -> expectedStreams.add(u + "-cam"));
            r.awaitThat(x -> x.usersPresent().equals(expectedUsers) && x.streamsPresent().equals(expectedStreams),
                    Duration.ofSeconds(10), users[i] + " sees the others and their streams");
            long userAdds = r.all(EventRecorder.UserUpdate.class).stream()
                    .filter(u -> u.type() == UpdateType.ADD).mapToLong(u -> u.users().size()).sum();
            assertEquals(2, userAdds, users[i] + " was told of each other user exactly once");
        }
        // cat joined last: the streams already in the room arrived as one ADD right after login
        StreamUpdate first = recorders.get(2).all(StreamUpdate.class).get(0);
        assertEquals(Set.of("ann-cam", "ben-cam"), Set.copyOf(first.streams().stream().map(Stream::streamID).toList()));

        engines.get(2).logoutRoom();
        for (int i = 0; i < 2; i++) {
            EventRecorder r = recorders.get(i);
            r.awaitThat(x -> !x.usersPresent().contains("cat") && !x.streamsPresent().contains("cat-cam"),
                    Duration.ofSeconds(10), "cat left");
        }
    }

    @Test
    void changesWhileARegistrationIsInFlightAreNotLost() {
        EventRecorder watcher = new EventRecorder();
        ParleyEngine observer = TestServers.engine(server, watcher);
        engines.add(observer);
        observer.loginRoom("team", new User("obs"));
        watcher.awaitReason(RoomStateChangedReason.LOGINED);
        EventRecorder r = new EventRecorder();
        ParleyEngine quick = TestServers.engine(server, r);
        engines.add(quick);
        quick.loginRoom("team", new User("quick"));
        r.awaitReason(RoomStateChangedReason.LOGINED);

        quick.startPublishingStream("quick-cam");
        quick.setStreamExtraInfo("late info", PublishChannel.MAIN, null);
        watcher.awaitThat(w -> w.all(StreamUpdate.class).stream().anyMatch(u -> u.has("quick-cam")
                        && u.streams().get(0).extraInfo().equals("late info"))
                        || w.all(StreamExtraInfo.class).stream().anyMatch(e -> e.streams().get(0).extraInfo().equals("late info")),
                Duration.ofSeconds(10), "the extra info set during registration arrives");

        quick.startPublishingStream("blink", PublishChannel.AUX);
        quick.stopPublishingStream(PublishChannel.AUX);
        r.awaitThat(x -> x.count(e -> e instanceof PublisherStateUpdate p && p.streamID().equals("blink")
                && p.state() == PublisherState.NO_PUBLISH) == 1, Duration.ofSeconds(10), "stopped");
        // the server handles one connection's requests in order: once this broadcast arrives, the stop was handled
        quick.sendBroadcastMessage("team", "after blink", null);
        watcher.await(BroadcastReceived.class, b -> b.messages().get(0).message().equals("after blink"));
        assertEquals(1, server.stats().streams(), "a stream stopped during its registration does not stay on the server");
        assertTrue(!watcher.streamsPresent().contains("blink"));
    }

    @Test
    void messagesArriveOnceAndOnlyWhereSent() throws Exception {
        ParleyEngine ann = join("ann", "ann-cam");
        join("ben", "ben-cam");
        join("cat", "cat-cam");
        recorders.get(0).awaitThat(r -> r.usersPresent().size() == 2, Duration.ofSeconds(10), "ann sees two");

        CompletableFuture<long[]> sent = new CompletableFuture<>();
        ann.sendBroadcastMessage("team", "hello all", (code, id) -> sent.complete(new long[] {code, id}));
        long[] result = sent.get(10, TimeUnit.SECONDS);
        assertEquals(0, result[0]);
        assertTrue(result[1] > 0);
        for (int i = 1; i < 3; i++) {
            BroadcastReceived got = recorders.get(i).await(BroadcastReceived.class, b -> true);
            assertEquals("hello all", got.messages().get(0).message());
            assertEquals("ann", got.messages().get(0).fromUser().userID());
            assertEquals(result[1], got.messages().get(0).messageID());
        }

        CompletableFuture<Integer> commanded = new CompletableFuture<>();
        ann.sendCustomCommand("team", "mute please", List.of(new User("ben")), commanded::complete);
        assertEquals(0, commanded.get(10, TimeUnit.SECONDS));
        CustomCommandReceived command = recorders.get(1).await(CustomCommandReceived.class, c -> true);
        assertEquals("mute please", command.command());
        assertEquals("ann", command.fromUser().userID());

        CompletableFuture<Integer> extra = new CompletableFuture<>();
        ann.setRoomExtraInfo("team", "topic", "planning", extra::complete);
        assertEquals(0, extra.get(10, TimeUnit.SECONDS));
        recorders.get(1).await(RoomExtraInfoUpdate.class, u -> u.infos().get(0).value().equals("planning"));
        recorders.get(2).await(RoomExtraInfoUpdate.class, u -> u.infos().get(0).value().equals("planning"));

        CompletableFuture<Integer> streamExtra = new CompletableFuture<>();
        ann.setStreamExtraInfo("{\"layout\":1}", PublishChannel.MAIN, streamExtra::complete);
        assertEquals(0, streamExtra.get(10, TimeUnit.SECONDS));
        StreamExtraInfo info = recorders.get(2).await(StreamExtraInfo.class, s -> true);
        assertEquals("{\"layout\":1}", info.streams().get(0).extraInfo());

        // a barrier: a second broadcast from ben reaches cat, so anything ann sent earlier has arrived too
        engines.get(1).sendBroadcastMessage("team", "barrier", null);
        recorders.get(2).await(BroadcastReceived.class, b -> b.messages().get(0).message().equals("barrier"));
        recorders.get(0).await(BroadcastReceived.class, b -> b.messages().get(0).message().equals("barrier"));

        assertEquals(1, recorders.get(1).count(e -> e instanceof BroadcastReceived b
                && b.messages().get(0).message().equals("hello all")));
        assertEquals(1, recorders.get(2).count(e -> e instanceof BroadcastReceived b
                && b.messages().get(0).message().equals("hello all")));
        assertEquals(0, recorders.get(0).count(e -> e instanceof BroadcastReceived b
                && b.messages().get(0).message().equals("hello all")), "no echo to the sender");
        assertEquals(0, recorders.get(2).all(CustomCommandReceived.class).size(), "the command went to ben only");
        assertEquals(1, recorders.get(1).all(CustomCommandReceived.class).size());
    }
}
