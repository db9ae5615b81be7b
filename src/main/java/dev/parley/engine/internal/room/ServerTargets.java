package dev.parley.engine.internal.room;

import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a client connects next: the profile's server URLs in turn (the next one after a connection
 * to the current one fails), or a node the server sent the client to, by a redirect reply or by a
 * drain or moved notice. A redirect never leads from {@code wss} to {@code ws}.
 *
 * <p>Not thread-safe: owned by one room session or lookup, used on the engine loop.
 */
final class ServerTargets {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTargets.class);
    /** Redirects followed in a row before a client backs off; a redirect can race with a room that moves. */
    static final int MAX_REDIRECTS_IN_A_ROW = 3;

    private final List<URI> listed;
    private int index;
    private URI sentTo;
    private int redirectsInARow;

    ServerTargets(List<String> serverUrls) {
        this.listed = serverUrls.stream().map(URI::create).toList();
    }

    /** Where to connect now. */
    URI current() {
        return sentTo != null ? sentTo : listed.get(index);
    }

    /** Whether {@link #current()} is a node the server named rather than a listed one. */
    boolean redirected() {
        return sentTo != null;
    }

    /** How many server URLs the profile lists. */
    int listedCount() {
        return listed.size();
    }

    /**
     * Follows a redirect reply; false when it is one too many in a row or its URL is unusable,
     * and the client then backs off as after a failed connection.
     */
    boolean redirect(String url) {
        if (redirectsInARow >= MAX_REDIRECTS_IN_A_ROW) {
            LOG.info("{} redirects in a row; backing off", redirectsInARow);
            redirectsInARow = 0;
            sentTo = null;
            return false;
        }
        if (!sendTo(url)) {
            return false;
        }
        redirectsInARow++;
        return true;
    }

    /** Follows a drain or moved notice naming the node the room goes to; false for an unusable URL. */
    boolean moveTo(String url) {
        return sendTo(url);
    }

    private boolean sendTo(String url) {
        URI uri;
        try {
            uri = url == null ? null : URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme()))) {
            LOG.warn("the server sent this client to an unusable URL: {}", url);
            return false;
        }
        if ("ws".equals(uri.getScheme()) && "wss".equals(current().getScheme())) {
            LOG.warn("the server sent this client from wss to {}; not followed", url);
            return false;
        }
        sentTo = uri;
        return true;
    }

    /** A connection to {@link #current()} failed before its session was up: the next one is another. */
    void failed() {
        redirectsInARow = 0;
        if (sentTo != null) {
            sentTo = null; // back to the listed servers: a node named by a redirect can be dead for 3 s
        } else {
            index = (index + 1) % listed.size();
        }
    }

    /** A session is up on {@link #current()}: it is tried first when the connection is lost. */
    void connected() {
        redirectsInARow = 0;
    }
}
