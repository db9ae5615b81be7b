package dev.parley.server.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** A server alone: every room, user and stream is here; answers come at once, on the caller's thread. Stateless. */
final class SingleNode implements Cluster {
    static final SingleNode INSTANCE = new SingleNode();

    private SingleNode() {
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public String nodeId() {
        return null;
    }

    @Override
    public void start(String publicUrl, Executor core, ClusterListener listener) {
    }

    @Override
    public void claimRoom(RoomKey room, List<StreamClaim> carried, Consumer<RoomClaim> answer) {
        Set<String> all = carried.stream().map(StreamClaim::streamId).collect(Collectors.toSet());
        answer.accept(new RoomClaim.Here(all));
    }

    @Override
    public void releaseRoom(RoomKey room) {
    }

    @Override
    public void userJoined(UserClaim user) {
    }

    @Override
    public void userLeft(UserClaim user) {
    }

    @Override
    public void claimStream(StreamClaim stream, Consumer<Boolean> granted) {
        granted.accept(true);
    }

    @Override
    public void releaseStream(StreamClaim stream) {
    }

    @Override
    public void locateNode(String nodeId, Consumer<Optional<String>> url) {
        url.accept(Optional.empty());
    }

    @Override
    public void lookup(RoomKey room, String userId, Consumer<RoomLookup> answer) {
        answer.accept(RoomLookup.NOTHING_ELSEWHERE);
    }

    @Override
    public DrainPlan drain(Duration timeout) {
        return DrainPlan.NOWHERE;
    }

    @Override
    public void close() {
    }
}
