package dev.parley.server.sfu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

/**
 * One handle attached to the VideoRoom plugin in a {@link JanusSession}: the context of one
 * publisher or one subscriber connection. Its events (everything Janus sends with this handle
 * as {@code sender}, outside a transaction) go to the {@link Events} given at attach time.
 *
 * <p>Thread-safe; futures complete on the Janus connection's threads.
 */
public final class JanusHandle {
    /** What Janus reports about a handle on its own. */
    public interface Events {
        /** A {@code webrtcup}, {@code media}, {@code slowlink}, {@code hangup}, {@code detached} or plugin {@code event}. */
        void onEvent(JsonNode message);
    }

    private final JanusSession session;
    private final long id;

    JanusHandle(JanusSession session, long id) {
        this.session = session;
        this.id = id;
    }

    public long id() {
        return id;
    }

    /** A plugin request; completes with Janus's answer (for asynchronous requests, their event). */
    public CompletableFuture<JsonNode> message(ObjectNode body, String jsepType, String sdp) {
        return message(body, jsepType, sdp, null);
    }

    /**
     * A plugin request with an SDP whose simulcast encodings are listed in {@code ridOrder}
     * ({@code "lmh"}: lowest first; Janus assumes {@code "hml"} otherwise).
     */
    public CompletableFuture<JsonNode> message(ObjectNode body, String jsepType, String sdp, String ridOrder) {
        ObjectNode m = session.handleMessage("message", id);
        m.set("body", body);
        if (sdp != null) {
            ObjectNode jsep = m.putObject("jsep");
            jsep.put("type", jsepType);
            jsep.put("sdp", sdp);
            if (ridOrder != null) {
                jsep.put("rid_order", ridOrder);
            }
        }
        return session.connection().request(m);
    }

    /** Hands Janus one ICE candidate of the client on this handle. */
    public CompletableFuture<JsonNode> trickle(String candidate, String sdpMid, int sdpMLineIndex) {
        ObjectNode m = session.handleMessage("trickle", id);
        ObjectNode c = m.putObject("candidate");
        c.put("candidate", candidate);
        if (sdpMid != null) {
            c.put("sdpMid", sdpMid);
        }
        c.put("sdpMLineIndex", sdpMLineIndex);
        return session.connection().request(m);
    }

    /** Tells Janus the client has no more candidates. */
    public CompletableFuture<JsonNode> trickleCompleted() {
        ObjectNode m = session.handleMessage("trickle", id);
        m.putObject("candidate").put("completed", true);
        return session.connection().request(m);
    }

    /** Detaches the handle, which closes its peer connection in Janus. */
    public CompletableFuture<JsonNode> detach() {
        session.forget(id);
        return session.connection().request(session.handleMessage("detach", id));
    }
}
