package dev.parley.server;

/**
 * One client connection as the room logic sees it: its login nonce, its session once logged in,
 * and its request rate.
 *
 * <p>The session field is owned by the core thread; the rate state by the connection's WebSocket
 * worker thread. The connection lives from the WebSocket open to its close.
 */
final class ClientConnection {
    private final String nonce;
    private final String remote;
    private final RateLimiter rate;
    private final Object transportHandle;
    private int refusedInARow;
    private Session session;

    ClientConnection(String nonce, String remote, RateLimiter rate, Object transportHandle) {
        this.nonce = nonce;
        this.remote = remote;
        this.rate = rate;
        this.transportHandle = transportHandle;
    }

    String nonce() {
        return nonce;
    }

    String remote() {
        return remote;
    }

    Object transportHandle() {
        return transportHandle;
    }

    Session session() {
        return session;
    }

    void session(Session value) {
        this.session = value;
    }

    /** Counts one incoming request against the rate limit; false when it must be refused. */
    synchronized boolean admit(long nowMillis) {
        return rate.tryAcquire(nowMillis);
    }

    /** Counts a refused request and returns how many were refused in a row. */
    synchronized int refused() {
        return ++refusedInARow;
    }

    synchronized void accepted() {
        refusedInARow = 0;
    }

    @Override
    public String toString() {
        return "connection " + remote;
    }
}
