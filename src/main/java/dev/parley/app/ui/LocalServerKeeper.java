package dev.parley.app.ui;

import dev.parley.engine.RoomStateChangedReason;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a local server available to a window that uses the default local one: when the call
 * starts reconnecting because the process that embedded the server went away, this window embeds
 * a new one on the same port, and its engine reconnects there by itself.
 *
 * <p>Threading: {@link #onRoomReason} on the FX thread; locating runs on the I/O executor.
 * Lifecycle: one per window; {@link #close()} stops a server it embedded.
 */
public final class LocalServerKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalServerKeeper.class);
    private final ServerLocator locator;
    private final Executor io;
    private volatile ServerLocator.Located located;
    private volatile boolean locating;

    public LocalServerKeeper(ServerLocator locator, Executor io) {
        this.locator = locator;
        this.io = io;
    }

    /** Finds or embeds the local server; blocks, so call it on the I/O executor. */
    public ServerLocator.Located locate() {
        ServerLocator.Located found = locator.locate();
        located = found;
        return found;
    }

    /** Reacts to the room state: RECONNECTING while no server of ours runs looks for one again. */
    public void onRoomReason(RoomStateChangedReason reason) {
        ServerLocator.Located current = located;
        if (reason != RoomStateChangedReason.RECONNECTING || current == null || current.embedded() != null || locating) {
            return;
        }
        locating = true;
        io.execute(() -> {
            try {
                ServerLocator.Located again = locator.locate();
                if (again.embedded() != null) {
                    LOG.info("the local server went away; this window now runs it");
                }
                located = again;
            } finally {
                locating = false;
            }
        });
    }

    /** The server this window embedded, or null. */
    public dev.parley.server.ParleyServer embedded() {
        ServerLocator.Located current = located;
        return current == null ? null : current.embedded();
    }

    @Override
    public void close() {
        var server = embedded();
        if (server != null) {
            server.close();
        }
    }
}
