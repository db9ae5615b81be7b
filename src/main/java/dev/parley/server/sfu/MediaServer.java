package dev.parley.server.sfu;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * A selective forwarding media server as the room server uses it: each published stream goes to
 * it once, and each player receives the stream from it. The room server stays the only
 * authority on who may publish or play; the media server only carries media for the
 * connections the room server opens here.
 *
 * <p>Thread-safe. Futures complete and event consumers run on the media server's own threads;
 * callers hand the results to their own thread.
 */
public interface MediaServer extends AutoCloseable {

    /** One published stream's connection to the media server. */
    interface Publisher {
        /** The media server's SDP answer to the publisher's offer. */
        String answer();

        /** One ICE candidate of the publisher; {@code candidate} null means the end of candidates. */
        void candidate(String candidate, String sdpMid, int sdpMLineIndex);

        /** A new offer from the publisher on the same connection (an ICE restart); completes with the answer. */
        CompletableFuture<String> renegotiate(String offer);

        /** Ends the connection; players of the stream lose it. */
        void close();
    }

    /** One player's connection receiving one published stream. */
    interface Subscriber {
        /** The media server's SDP offer to the player. */
        String offer();

        /** The player's answer; completes when the media server has taken it. */
        CompletableFuture<Void> start(String answer);

        void candidate(String candidate, String sdpMid, int sdpMLineIndex);

        /** Chooses the simulcast layer to receive: 0 the smallest, 2 the full size. */
        void layer(int substream);

        /** Asks for a new offer with fresh ICE credentials; completes with it. */
        CompletableFuture<String> restartIce();

        void close();
    }

    /**
     * Opens a publisher connection for {@code streamId} in the media room {@code roomKey}
     * (created on first use), from the publisher's SDP offer.
     */
    CompletableFuture<Publisher> publish(String roomKey, String streamId, String display, String offer,
                                         Consumer<MediaEvent> events);

    /**
     * Opens a subscriber connection to the stream {@code streamId} of the media room
     * {@code roomKey}; fails with {@link JanusException} code 428 while the stream's publisher
     * connection is not up yet.
     */
    CompletableFuture<Subscriber> subscribe(String roomKey, String streamId, Consumer<MediaEvent> events);

    /**
     * Connects to the Janus at {@code endpoint} and opens the session the media server runs on;
     * {@code lost} hears once if that session or its connection goes.
     */
    static CompletableFuture<MediaServer> janus(JanusEndpoint endpoint, ScheduledExecutorService timer,
                                                Consumer<String> lost) {
        return JanusSession.open(endpoint, Duration.ofSeconds(10), timer, lost::accept)
                .thenApply(session -> new JanusMediaServer(session, endpoint.adminKey()));
    }

    /** Removes the media room and every connection in it. */
    void closeRoom(String roomKey);

    @Override
    void close();
}
