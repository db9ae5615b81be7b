package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.ServerMessage;
import dev.parley.protocol.ServerMessage.LoginAccepted;
import dev.parley.protocol.ServerMessage.UserUpdate;
import dev.parley.protocol.UpdateType;
import dev.parley.protocol.UserInfo;
import dev.parley.testing.RawClient;
import dev.parley.testing.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many raw clients log in and out at once, from many threads; the registry stays consistent. */
class ConcurrentLoginTest {
    private static final int CROWD = 60;
    private static final int SIDE_ROOMS = 4;
    private static final int PER_SIDE_ROOM = 5;

    private ParleyServer server;
    private ExecutorService threads;
    private final List<RawClient> clients = java.util.Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() throws InterruptedException {
        if (threads != null) {
            threads.shutdownNow();
            assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
        }
        List<RawClient> all;
        synchronized (clients) {
            all = List.copyOf(clients);
        }
        all.forEach(RawClient::close);
        if (server != null) {
            server.close();
        }
    }

    /** Runs every task at the same moment on its own pool thread and returns their results. */
    private <T> List<T> allAtOnce(List<Callable<T>> tasks) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(threads.submit(() -> {
                go.await();
                return task.call();
            }));
        }
        go.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(30, TimeUnit.SECONDS));
        }
        return results;
    }

    private record Member(String userId, RawClient client, LoginAccepted accepted) {
    }

    @Test
    void concurrentLoginsAndLogoutsKeepTheRegistryConsistent() throws Exception {
        server = TestServers.start(b -> b.presenceTimeout(Duration.ofSeconds(30)).defaultMaxMembers(100));
        threads = Executors.newFixedThreadPool(32);

        List<Callable<Member>> logins = new ArrayList<>();
        for (int i = 0; i < CROWD; i++) {
            String userId = "crowd-" + i;
            logins.add(() -> login("crowd", userId));
        }
        for (int r = 0; r < SIDE_ROOMS; r++) {
            for (int i = 0; i < PER_SIDE_ROOM; i++) {
                String roomId = "side-" + r;
                String userId = roomId + "-user-" + i;
                logins.add(() -> login(roomId, userId));
            }
        }
        List<Member> members = allAtOnce(logins);
        int total = CROWD + SIDE_ROOMS * PER_SIDE_ROOM;
        assertEquals(new ServerStats(1 + SIDE_ROOMS, total, 0, total), server.stats());

        List<Member> crowd = members.subList(0, CROWD);
        Set<String> crowdIds = crowd.stream().map(Member::userId).collect(Collectors.toSet());
        for (Member m : crowd) {
            Set<String> others = new HashSet<>(crowdIds);
            others.remove(m.userId());
            awaitKnows(m, others);
        }
        for (int r = 0; r < SIDE_ROOMS; r++) {
            String roomId = "side-" + r;
            Set<String> roomIds = IntStream.range(0, PER_SIDE_ROOM).mapToObj(i -> roomId + "-user-" + i)
                    .collect(Collectors.toSet());
            for (Member m : members.stream().filter(x -> x.accepted().roomId().equals(roomId)).toList()) {
                Set<String> others = new HashSet<>(roomIds);
                others.remove(m.userId());
                awaitKnows(m, others);
            }
        }

        List<Callable<Integer>> logouts = members.stream()
                .map(m -> (Callable<Integer>) () -> m.client().request(ClientMessage.Logout::new).code())
                .toList();
        assertTrue(allAtOnce(logouts).stream().allMatch(code -> code == 0));
        assertEquals(new ServerStats(0, 0, 0, total), server.stats());
    }

    private Member login(String roomId, String userId) {
        RawClient c = RawClient.connect(server);
        clients.add(c);
        return new Member(userId, c, c.login(roomId, userId, true));
    }

    /**
     * Waits until the member knows exactly {@code others}, from its login list and the ADD pushes
     * after it, each user once.
     */
    private static void awaitKnows(Member m, Set<String> others) {
        List<String> loginList = m.accepted().users().stream().map(UserInfo::userId).toList();
        assertEquals(loginList.size(), new HashSet<>(loginList).size(), "no duplicates in the login list");
        assertTrue(!loginList.contains(m.userId()), "the login list leaves oneself out");
        int missing = others.size() - loginList.size();
        if (missing > 0) {
            m.client().awaitPush(UserUpdate.class, new java.util.function.Predicate<>() {
                private int seen;

                @Override
                public boolean test(UserUpdate u) {
                    seen += u.users().size();
                    return seen >= missing;
                }
            }, Duration.ofSeconds(10));
        }
        m.client().barrier();
        List<String> known = new ArrayList<>(loginList);
        for (UserUpdate u : m.client().all(UserUpdate.class)) {
            assertEquals(UpdateType.ADD, u.updateType(), "nobody left");
            assertTrue(u.seq() > m.accepted().seq(), "pushes come after the login's seq");
            u.users().forEach(user -> known.add(user.userId()));
        }
        assertEquals(known.size(), new HashSet<>(known).size(), () -> m.userId() + " heard of someone twice: " + known);
        assertEquals(others, new HashSet<>(known), m.userId());
        assertTrue(m.client().all(ServerMessage.KickedOut.class).isEmpty());
    }
}
