package dev.parley.server.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A node of several sharing one Redis. It keeps, on a thread of its own ({@code parley-cluster}),
 * its node record (TTL {@value #NODE_TTL_MILLIS} ms, refreshed every {@value #NODE_REFRESH_MILLIS} ms),
 * the leases of the rooms it holds ({@code SET NX PX} {@value #LEASE_TTL_MILLIS}, renewed every
 * {@value #LEASE_RENEW_MILLIS} ms with a compare-and-renew script, released with compare-and-delete),
 * and the claims of its users and live streams (TTL {@value #CLAIM_TTL_MILLIS} ms, refreshed every
 * {@value #CLAIM_REFRESH_MILLIS} ms). A holder whose node record is gone is dead: its rooms,
 * users and streams may be taken.
 *
 * <p>While Redis cannot be reached, the node goes on alone: rooms, users and streams are taken
 * here without asking (such a room claim is re-made once Redis is back), and every lease whose
 * last renewal is older than the lease lapses (it is re-made too). When Redis answers again (or has
 * lost its data, which the node sees by its own record having gone) the node registers again and
 * puts everything back. A conflict is settled by the claims alone, whichever node comes back
 * first: a lease renewed without a lapse keeps or takes back its room from any younger claim; a
 * re-made claim takes a room only from a younger re-made one, so a node that was cut off yields to
 * a node that took its rooms over meanwhile; a user found with a later login on another node is
 * ended here.
 *
 * <p>Threading: see {@link Cluster}. Every Redis command runs on the cluster thread, in the order
 * the core asked; answers go back through the core's executor. Lives from {@link #start} to
 * {@link #close()}.
 */
final class RedisCluster implements Cluster {
    private static final Logger LOG = LoggerFactory.getLogger(RedisCluster.class);
    static final long NODE_TTL_MILLIS = 3000;
    static final long NODE_REFRESH_MILLIS = 1000;
    static final long LEASE_TTL_MILLIS = 10_000;
    static final long LEASE_RENEW_MILLIS = 2000;
    static final long CLAIM_TTL_MILLIS = 30_000;
    static final long CLAIM_REFRESH_MILLIS = 10_000;
    private static final Duration START_WAIT = Duration.ofSeconds(2);

    private record UserKey(long appId, String userId) {
    }

    private record StreamKey(long appId, String streamId) {
    }

    /** A compare-and-delete owed to Redis while it was unreachable. */
    private record Release(String key, String value, long sinceMillis) {
    }

    /**
     * This node's claim of a room: when it began, when Redis last confirmed it, and whether it was
     * re-made (kind {@code r}: claimed while Redis was unreachable, or again after it lapsed) or
     * claimed with Redis there (kind {@code c}).
     */
    private static final class Lease {
        final long claimedAtMillis;
        /** When Redis last confirmed it; 0 for a claim made while Redis was unreachable. */
        long confirmedAtMillis;
        String kind;
        boolean lapseLogged;

        Lease(long claimedAtMillis, String kind) {
            this.claimedAtMillis = claimedAtMillis;
            this.kind = kind;
        }

        /** Renewed without a gap longer than the lease: such a claim wins over younger ones. */
        boolean strong(long now) {
            return confirmedAtMillis > 0 && now - confirmedAtMillis < LEASE_TTL_MILLIS;
        }

        /** How the next renewal claims it; a lapsed or never confirmed lease is re-made. */
        String mode(long now) {
            if (strong(now)) {
                return "strong";
            }
            kind = "r";
            return "remade";
        }

        String value(String nodeId) {
            return nodeId + "|" + claimedAtMillis + "|" + kind;
        }
    }

    private final ClusterConfig config;
    private final String nodeId;
    private final RedisLink redis;
    private final ScheduledExecutorService io;
    private final Clock clock;
    private final NodeEvents events;
    private volatile Executor core;
    private volatile ClusterListener listener;

    // owned by the cluster thread
    private String publicUrl;
    private final Map<RoomKey, Lease> leases = new HashMap<>();
    private final Map<UserKey, UserClaim> users = new HashMap<>();
    private final Map<StreamKey, StreamClaim> streams = new HashMap<>();
    private final Set<StreamKey> conflictsLogged = new HashSet<>();
    private final List<Release> owed = new ArrayList<>();
    private boolean registered;
    private boolean drained;

    RedisCluster(ClusterConfig config) {
        this(config, Clock.systemUTC());
    }

    RedisCluster(ClusterConfig config, Clock clock) {
        this.config = config;
        this.nodeId = config.nodeId();
        this.clock = clock;
        this.redis = new RedisLink(config);
        this.io = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-cluster");
            t.setDaemon(true);
            return t;
        });
        this.events = new NodeEvents(redis, RedisKeys.channel(nodeId), this::onEvent);
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public void start(String url, Executor coreExecutor, ClusterListener clusterListener) {
        this.core = coreExecutor;
        this.listener = clusterListener;
        Future<?> first = io.submit(() -> {
            publicUrl = url;
            refreshNode();
        });
        try {
            first.get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("node {} could not register in Redis at {} yet; it runs alone until it can", nodeId, redis.address());
        }
        io.scheduleWithFixedDelay(guarded("node refresh", this::refreshNode), NODE_REFRESH_MILLIS, NODE_REFRESH_MILLIS,
                TimeUnit.MILLISECONDS);
        io.scheduleWithFixedDelay(guarded("lease renewal", this::renewLeases), LEASE_RENEW_MILLIS, LEASE_RENEW_MILLIS,
                TimeUnit.MILLISECONDS);
        io.scheduleWithFixedDelay(guarded("claim refresh", this::refreshClaims), CLAIM_REFRESH_MILLIS,
                CLAIM_REFRESH_MILLIS, TimeUnit.MILLISECONDS);
        events.start();
    }

    // ---- the core's requests, each run on the cluster thread ----

    @Override
    public void claimRoom(RoomKey room, List<StreamClaim> carried, Consumer<RoomClaim> answer) {
        onCluster("room claim", () -> {
            RoomClaim claim;
            try {
                claim = claimRoomNow(room, carried);
            } catch (RuntimeException e) {
                LOG.error("claiming room {} of app {} failed: {}", room.roomId(), room.appId(), RedisLink.describe(e));
                claim = claimAlone(room, carried);
            }
            RoomClaim answered = claim;
            toCore(() -> answer.accept(answered));
        });
    }

    private RoomClaim claimRoomNow(RoomKey room, List<StreamClaim> carried) {
        if (drained) {
            return new RoomClaim.Draining();
        }
        long now = clock.millis();
        Lease lease = leases.get(room);
        if (redis.reachable()) {
            Lease claim = lease != null ? lease : new Lease(now, "c");
            String mode = lease != null ? lease.mode(now) : "fresh";
            try {
                List<?> result = (List<?>) redis.call(c -> c.eval(RedisScripts.HOLD_ROOM, List.of(RedisKeys.room(room)),
                        holdArguments(claim, mode)));
                if ("elsewhere".equals(result.get(0))) {
                    String holder = (String) result.get(1);
                    String url = (String) result.get(2);
                    if (lease != null) {
                        leases.remove(room);
                        moved(room, holder, url);
                    }
                    return new RoomClaim.Elsewhere(holder, url);
                }
                claim.confirmedAtMillis = now;
                claim.lapseLogged = false;
                leases.put(room, claim);
                return new RoomClaim.Here(claimStreamsNow(carried));
            } catch (RedisLink.Unreachable e) {
                // alone until Redis is back
            }
        }
        return claimAlone(room, carried);
    }

    /** Takes the room and the streams here without Redis; the claim is re-made once Redis answers. */
    private RoomClaim claimAlone(RoomKey room, List<StreamClaim> carried) {
        leases.computeIfAbsent(room, k -> new Lease(clock.millis(), "r"));
        Set<String> all = new HashSet<>();
        for (StreamClaim stream : carried) {
            streams.put(new StreamKey(stream.appId(), stream.streamId()), stream);
            all.add(stream.streamId());
        }
        return new RoomClaim.Here(all);
    }

    private List<String> holdArguments(Lease lease, String mode) {
        return List.of(nodeId, Long.toString(lease.claimedAtMillis), Long.toString(LEASE_TTL_MILLIS),
                RedisKeys.NODE_PREFIX, mode, RedisKeys.CHANNEL_PREFIX, lease.kind);
    }

    /** Claims carried streams in one round trip; Redis going away meanwhile grants the rest. */
    private Set<String> claimStreamsNow(List<StreamClaim> carried) {
        Set<String> granted = new HashSet<>();
        if (carried.isEmpty()) {
            return granted;
        }
        try {
            List<Object> results = redis.call(c -> {
                try (Pipeline pipeline = c.pipelined()) {
                    List<Response<Object>> responses = new ArrayList<>();
                    for (StreamClaim stream : carried) {
                        responses.add(pipeline.eval(RedisScripts.CLAIM_STREAM, List.of(streamKey(stream)),
                                streamArguments(stream)));
                    }
                    pipeline.sync();
                    return responses.stream().map(Response::get).toList();
                }
            });
            for (int i = 0; i < carried.size(); i++) {
                StreamClaim stream = carried.get(i);
                if ("".equals(results.get(i))) {
                    streams.put(new StreamKey(stream.appId(), stream.streamId()), stream);
                    granted.add(stream.streamId());
                }
            }
        } catch (RedisLink.Unreachable e) {
            for (StreamClaim stream : carried) {
                streams.put(new StreamKey(stream.appId(), stream.streamId()), stream);
                granted.add(stream.streamId());
            }
        }
        return granted;
    }

    @Override
    public void releaseRoom(RoomKey room) {
        onCluster("room release", () -> {
            Lease lease = leases.remove(room);
            if (lease != null && !drained) {
                release(RedisKeys.room(room), lease.value(nodeId));
            }
        });
    }

    @Override
    public void userJoined(UserClaim user) {
        onCluster("user claim", () -> {
            users.put(new UserKey(user.appId(), user.userId()), user);
            if (drained || !redis.reachable()) {
                return;
            }
            try {
                redis.call(c -> c.eval(RedisScripts.CLAIM_USER, List.of(RedisKeys.user(user.appId(), user.userId())),
                        userArguments(user, true)));
            } catch (RedisLink.Unreachable e) {
                // put back once Redis is there again
            }
        });
    }

    @Override
    public void userLeft(UserClaim user) {
        onCluster("user release", () -> {
            UserKey key = new UserKey(user.appId(), user.userId());
            UserClaim held = users.get(key);
            if (held != null && held.sessionId().equals(user.sessionId())) {
                users.remove(key);
            }
            if (!drained) {
                release(RedisKeys.user(user.appId(), user.userId()), userValue(user));
            }
        });
    }

    @Override
    public void claimStream(StreamClaim stream, Consumer<Boolean> granted) {
        onCluster("stream claim", () -> {
            boolean ok = true;
            if (!drained && redis.reachable()) {
                try {
                    Object holder = redis.call(c -> c.eval(RedisScripts.CLAIM_STREAM, List.of(streamKey(stream)),
                            streamArguments(stream)));
                    ok = "".equals(holder);
                    if (!ok) {
                        LOG.info("stream {} of app {} is live on node {}; refused to {}", stream.streamId(), stream.appId(),
                                holder, stream.userId());
                    }
                } catch (RedisLink.Unreachable e) {
                    // taken here; put back once Redis is there again
                } catch (RuntimeException e) {
                    LOG.error("claiming stream {} of app {} failed: {}", stream.streamId(), stream.appId(),
                            RedisLink.describe(e));
                }
            }
            if (ok) {
                streams.put(new StreamKey(stream.appId(), stream.streamId()), stream);
            }
            boolean answer = ok;
            toCore(() -> granted.accept(answer));
        });
    }

    @Override
    public void releaseStream(StreamClaim stream) {
        onCluster("stream release", () -> {
            StreamKey key = new StreamKey(stream.appId(), stream.streamId());
            if (stream.equals(streams.get(key))) {
                streams.remove(key);
            }
            conflictsLogged.remove(key);
            if (!drained) {
                release(streamKey(stream), streamValue(stream));
            }
        });
    }

    @Override
    public void locateNode(String otherNodeId, Consumer<Optional<String>> url) {
        onCluster("node lookup", () -> {
            Optional<String> found = Optional.empty();
            if (redis.reachable() && !drained) {
                try {
                    found = Optional.ofNullable(redis.call(c -> c.get(RedisKeys.node(otherNodeId))));
                } catch (RedisLink.Unreachable e) {
                    // unknown
                } catch (RuntimeException e) {
                    LOG.error("looking node {} up failed: {}", otherNodeId, RedisLink.describe(e));
                }
            }
            Optional<String> answer = found;
            toCore(() -> url.accept(answer));
        });
    }

    @Override
    public void lookup(RoomKey room, String userId, Consumer<RoomLookup> answer) {
        onCluster("room lookup", () -> {
            RoomLookup found = RoomLookup.NOTHING_ELSEWHERE;
            if (redis.reachable() && !drained) {
                try {
                    List<?> result = (List<?>) redis.call(c -> c.eval(RedisScripts.LOOKUP,
                            List.of(RedisKeys.room(room), RedisKeys.user(room.appId(), userId)),
                            List.of(nodeId, RedisKeys.NODE_PREFIX)));
                    String url = (String) result.get(0);
                    found = new RoomLookup(url.isEmpty() ? null : url, ((Long) result.get(1)) == 1L);
                } catch (RedisLink.Unreachable e) {
                    // answered from what this node knows
                } catch (RuntimeException e) {
                    LOG.error("looking room {} of app {} up failed: {}", room.roomId(), room.appId(), RedisLink.describe(e));
                }
            }
            RoomLookup lookup = found;
            toCore(() -> answer.accept(lookup));
        });
    }

    // ---- keeping the records ----

    /** Refreshes the node record; registers again (and puts everything back) after an outage or a data loss. */
    private void refreshNode() {
        if (drained) {
            return;
        }
        String previous;
        try {
            previous = redis.call(c -> c.setGet(RedisKeys.node(nodeId), publicUrl, SetParams.setParams().px(NODE_TTL_MILLIS)));
        } catch (RedisLink.Unreachable e) {
            noteLapses();
            return;
        }
        boolean recovered = redis.reachable(true);
        if (!registered) {
            registered = true;
            if (previous != null && !previous.equals(publicUrl)) {
                LOG.error("node ID {} is already registered in Redis at {} by {}: give each node its own --node-id;"
                        + " two nodes with one ID take each other's rooms for their own", nodeId, redis.address(), previous);
            }
            LOG.info("node {} registered in Redis at {} as {}", nodeId, redis.address(), publicUrl);
            putBack(null);
        } else if (recovered) {
            putBack("Redis at " + redis.address() + " is reachable again");
        } else if (previous == null) {
            putBack("this node's record had gone from Redis (restarted without its data?)");
        }
        events.check();
    }

    /** Puts this node's rooms, users and streams back into Redis, and settles what others took meanwhile. */
    private void putBack(String why) {
        flushOwed();
        int before = leases.size();
        int moved = renewLeasesNow();
        refreshClaimsNow();
        if (why != null) {
            LOG.info("{}: node {} registered again; {} room lease(s) reclaimed, {} moved to other nodes", why, nodeId,
                    before - moved, moved);
        }
    }

    private void renewLeases() {
        if (drained) {
            return;
        }
        if (!redis.reachable()) {
            noteLapses();
            return;
        }
        renewLeasesNow();
    }

    /** @return how many leases turned out to be held by another node */
    private int renewLeasesNow() {
        if (leases.isEmpty() || !redis.reachable()) {
            return 0;
        }
        long now = clock.millis();
        List<RoomKey> rooms = new ArrayList<>(leases.keySet());
        List<Object> results;
        try {
            results = redis.call(c -> {
                try (Pipeline pipeline = c.pipelined()) {
                    List<Response<Object>> responses = new ArrayList<>(rooms.size());
                    for (RoomKey room : rooms) {
                        Lease lease = leases.get(room);
                        responses.add(pipeline.eval(RedisScripts.HOLD_ROOM, List.of(RedisKeys.room(room)),
                                holdArguments(lease, lease.mode(now))));
                    }
                    pipeline.sync();
                    return responses.stream().map(Response::get).toList();
                }
            });
        } catch (RedisLink.Unreachable e) {
            noteLapses();
            return 0;
        }
        int moved = 0;
        for (int i = 0; i < rooms.size(); i++) {
            RoomKey room = rooms.get(i);
            List<?> result = (List<?>) results.get(i);
            if ("elsewhere".equals(result.get(0))) {
                leases.remove(room);
                moved(room, (String) result.get(1), (String) result.get(2));
                moved++;
            } else {
                Lease lease = leases.get(room);
                lease.confirmedAtMillis = now;
                lease.lapseLogged = false;
            }
        }
        return moved;
    }

    /** Logs, once per outage, the leases that lapsed: from now on they only take their room back if it is free. */
    private void noteLapses() {
        long now = clock.millis();
        int lapsed = 0;
        for (Lease lease : leases.values()) {
            if (lease.confirmedAtMillis > 0 && !lease.strong(now) && !lease.lapseLogged) {
                lease.lapseLogged = true;
                lapsed++;
            }
        }
        if (lapsed > 0) {
            LOG.info("{} room lease(s) of node {} lapsed while Redis is unreachable; the rooms keep running here and"
                    + " are claimed again (or handed to the node that took them) once Redis is back", lapsed, nodeId);
        }
    }

    private void refreshClaims() {
        if (!drained && redis.reachable()) {
            refreshClaimsNow();
        }
    }

    /** Puts users and streams back with a fresh TTL; ends here the users that logged in later elsewhere. */
    private void refreshClaimsNow() {
        if (users.isEmpty() && streams.isEmpty()) {
            return;
        }
        List<UserClaim> userList = new ArrayList<>(users.values());
        List<StreamClaim> streamList = new ArrayList<>(streams.values());
        List<Object> results;
        try {
            results = redis.call(c -> {
                try (Pipeline pipeline = c.pipelined()) {
                    List<Response<Object>> responses = new ArrayList<>();
                    for (UserClaim user : userList) {
                        responses.add(pipeline.eval(RedisScripts.CLAIM_USER,
                                List.of(RedisKeys.user(user.appId(), user.userId())), userArguments(user, false)));
                    }
                    for (StreamClaim stream : streamList) {
                        responses.add(pipeline.eval(RedisScripts.CLAIM_STREAM, List.of(streamKey(stream)),
                                streamArguments(stream)));
                    }
                    pipeline.sync();
                    return responses.stream().map(Response::get).toList();
                }
            });
        } catch (RedisLink.Unreachable e) {
            return;
        }
        for (int i = 0; i < userList.size(); i++) {
            if ("taken".equals(results.get(i))) {
                UserClaim user = userList.get(i);
                users.remove(new UserKey(user.appId(), user.userId()));
                LOG.info("{} of app {} logged in later on another node; ending the session here", user.userId(),
                        user.appId());
                toCore(() -> listener.sessionTakenElsewhere(user.appId(), user.sessionId()));
            }
        }
        for (int i = 0; i < streamList.size(); i++) {
            Object holder = results.get(userList.size() + i);
            StreamClaim stream = streamList.get(i);
            StreamKey key = new StreamKey(stream.appId(), stream.streamId());
            if (!"".equals(holder) && conflictsLogged.add(key)) {
                LOG.warn("stream {} of app {} is live both here ({}) and on node {}: published on both while Redis was"
                        + " unreachable; it stays on both until one stops it", stream.streamId(), stream.appId(),
                        stream.userId(), holder);
            }
        }
    }

    private void release(String key, String value) {
        if (redis.reachable()) {
            try {
                redis.call(c -> c.eval(RedisScripts.RELEASE, List.of(key), List.of(value)));
                return;
            } catch (RedisLink.Unreachable e) {
                // owed below
            }
        }
        owed.add(new Release(key, value, clock.millis()));
    }

    /** Sends the releases owed since Redis went away; those older than any claim's TTL have expired anyway. */
    private void flushOwed() {
        long now = clock.millis();
        owed.removeIf(r -> now - r.sinceMillis() > CLAIM_TTL_MILLIS);
        if (owed.isEmpty()) {
            return;
        }
        List<Release> sending = new ArrayList<>(owed);
        try {
            redis.call(c -> {
                try (Pipeline pipeline = c.pipelined()) {
                    for (Release r : sending) {
                        pipeline.eval(RedisScripts.RELEASE, List.of(r.key()), List.of(r.value()));
                    }
                    pipeline.sync();
                    return null;
                }
            });
            owed.removeAll(sending);
        } catch (RedisLink.Unreachable e) {
            // kept for the next time
        }
    }

    private void moved(RoomKey room, String holder, String url) {
        LOG.info("room {} of app {} is held by node {} now; its clients here move to {}", room.roomId(), room.appId(),
                holder, url);
        toCore(() -> listener.roomMoved(room, url));
    }

    /** A message on this node's channel: {@code kick|APP|SESSION} or {@code moved}. On the subscription's thread. */
    private void onEvent(String message) {
        if (message.equals("moved")) {
            onCluster("lease check", this::renewLeases);
            return;
        }
        String[] parts = message.split("\\|", 3);
        if (parts.length == 3 && parts[0].equals("kick")) {
            long appId;
            try {
                appId = Long.parseLong(parts[1]);
            } catch (NumberFormatException e) {
                LOG.warn("ignoring a malformed cluster message: {}", message);
                return;
            }
            String sessionId = parts[2];
            toCore(() -> listener.sessionTakenElsewhere(appId, sessionId));
            return;
        }
        LOG.warn("ignoring an unknown cluster message: {}", message);
    }

    // ---- leaving ----

    @Override
    public DrainPlan drain(Duration timeout) {
        if (core == null) {
            return DrainPlan.NOWHERE; // never started: nothing of this node is in Redis
        }
        Future<DrainPlan> plan;
        try {
            plan = io.submit(this::drainNow);
        } catch (RejectedExecutionException e) {
            return DrainPlan.NOWHERE;
        }
        try {
            return plan.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("node {} could not drain within {} ms; its records in Redis expire by themselves", nodeId,
                    timeout.toMillis());
        }
        return DrainPlan.NOWHERE;
    }

    private DrainPlan drainNow() {
        if (drained) {
            return DrainPlan.NOWHERE;
        }
        drained = true;
        List<String[]> releases = new ArrayList<>();
        for (Map.Entry<RoomKey, Lease> e : leases.entrySet()) {
            releases.add(new String[] {RedisKeys.room(e.getKey()), e.getValue().value(nodeId)});
        }
        for (UserClaim user : users.values()) {
            releases.add(new String[] {RedisKeys.user(user.appId(), user.userId()), userValue(user)});
        }
        for (StreamClaim stream : streams.values()) {
            releases.add(new String[] {streamKey(stream), streamValue(stream)});
        }
        int rooms = leases.size();
        leases.clear();
        users.clear();
        streams.clear();
        if (!redis.reachable()) {
            LOG.warn("node {} drains without Redis: its clients are not told where to go, and its records expire", nodeId);
            return DrainPlan.NOWHERE;
        }
        try {
            Map<String, String> others = otherNodes();
            redis.call(c -> {
                try (Pipeline pipeline = c.pipelined()) {
                    pipeline.del(RedisKeys.node(nodeId));
                    for (String[] r : releases) {
                        pipeline.eval(RedisScripts.RELEASE, List.of(r[0]), List.of(r[1]));
                    }
                    pipeline.sync();
                    return null;
                }
            });
            LOG.info("node {} drained: released {} room lease(s); clients move to {}", nodeId, rooms,
                    others.isEmpty() ? "no other node (none is live)" : String.join(", ", others.keySet()));
            return new DrainPlan(others);
        } catch (RedisLink.Unreachable e) {
            return DrainPlan.NOWHERE;
        }
    }

    /** The other live nodes and their URLs. */
    private Map<String, String> otherNodes() throws RedisLink.Unreachable {
        List<String> keys = redis.call(c -> {
            List<String> found = new ArrayList<>();
            String cursor = ScanParams.SCAN_POINTER_START;
            ScanParams params = new ScanParams().match(RedisKeys.NODE_PREFIX + "*").count(500);
            do {
                ScanResult<String> page = c.scan(cursor, params);
                found.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            return found;
        });
        keys.remove(RedisKeys.node(nodeId));
        Map<String, String> others = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return others;
        }
        List<String> urls = redis.call(c -> c.mget(keys.toArray(String[]::new)));
        Iterator<String> url = urls.iterator();
        for (String key : keys) {
            String value = url.next();
            if (value != null) {
                others.put(key.substring(RedisKeys.NODE_PREFIX.length()), value);
            }
        }
        return others;
    }

    @Override
    public void close() {
        events.stop();
        io.shutdownNow();
        try {
            io.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        redis.close();
    }

    // ---- helpers ----

    private List<String> userArguments(UserClaim user, boolean fresh) {
        return List.of(nodeId, Long.toString(user.loginMillis()), user.sessionId(), Long.toString(CLAIM_TTL_MILLIS),
                RedisKeys.NODE_PREFIX, RedisKeys.CHANNEL_PREFIX, fresh ? "1" : "0", Long.toString(user.appId()));
    }

    private String userValue(UserClaim user) {
        return nodeId + "|" + user.loginMillis() + "|" + user.sessionId();
    }

    private static String streamKey(StreamClaim stream) {
        return RedisKeys.stream(stream.appId(), stream.streamId());
    }

    private List<String> streamArguments(StreamClaim stream) {
        return List.of(nodeId, stream.userId(), Long.toString(CLAIM_TTL_MILLIS), RedisKeys.NODE_PREFIX);
    }

    private String streamValue(StreamClaim stream) {
        return nodeId + "|" + stream.userId();
    }

    private void onCluster(String what, Runnable task) {
        try {
            io.execute(guarded(what, task));
        } catch (RejectedExecutionException e) {
            LOG.debug("cluster stopped; dropped {}", what);
        }
    }

    private void toCore(Runnable task) {
        Executor executor = core;
        if (executor != null) {
            executor.execute(task);
        }
    }

    private Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (JedisDataException e) {
                LOG.error("{} failed in Redis: {}", what, e.getMessage());
            } catch (RuntimeException | Error e) {
                LOG.error("{} failed", what, e);
            }
        };
    }

    @Override
    public String toString() {
        return "node " + nodeId + " on " + config.redisAddress();
    }
}
