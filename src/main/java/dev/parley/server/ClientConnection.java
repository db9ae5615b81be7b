package dev.parley.server;

/**
 * One client connection as the room logic sees it: its login nonce, its session once logged in,
 * and its request rate.
 *
 * <p>The session, login and close fields are owned by the core thread. The rate and flood state is used from the
 * connection's WebSocket worker thread and guarded by this object's lock. The connection lives
 * from the WebSocket open to its close.
 */
final class ClientConnection {
    /** A pause in refusals this long ends a run of refused requests. */
    static final long FLOOD_MEMORY_MILLIS = 1000;
    private final String nonce;
    private final String remote;
    private final RateLimiter rate;
    private final Object transportHandle;
    private final Runnable onFirstLogin;
    private int refusedInARun;
    private long lastRefusedMillis = Long.MIN_VALUE / 2;
    private boolean floodClosing;
    private Session session;
    private boolean everLoggedIn;
    /** A login or resume waits for the other nodes' answer; a second one is refused meanwhile. */
    private boolean loginPending;
    private boolean closed;

    /** {@code onFirstLogin} runs on the core thread when a session is first attached. */
    ClientConnection(String nonce, String remote, RateLimiter rate, Object transportHandle, Runnable onFirstLogin) {
        this.nonce = nonce;
        this.remote = remote;
        this.rate = rate;
        this.transportHandle = transportHandle;
        this.onFirstLogin = onFirstLogin;
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
        if (value != null && !everLoggedIn) {
            everLoggedIn = true;
            onFirstLogin.run();
        }
    }

    boolean loginPending() {
        return loginPending;
    }

    void loginPending(boolean value) {
        this.loginPending = value;
    }

    /** Whether the connection has closed; set on the core thread when it hears of the close. */
    boolean closed() {
        return closed;
    }

    void closed(boolean value) {
        this.closed = value;
    }

    /** Whether a session was ever attached to this connection (by login or resume). */
    boolean everLoggedIn() {
        return everLoggedIn;
    }

    /** Counts one incoming request against the rate limit; false when it must be refused. */
    synchronized boolean admit(long nowMillis) {
        return rate.tryAcquire(nowMillis);
    }

    /**
     * Counts a refused request and returns how many were refused in this run: a run goes on while
     * each refusal comes less than {@link #FLOOD_MEMORY_MILLIS} after the previous one, so an
     * occasional request let through by the refilling rate limit does not restart the count.
     */
    synchronized int refused(long nowMillis) {
        if (nowMillis - lastRefusedMillis >= FLOOD_MEMORY_MILLIS) {
            refusedInARun = 0;
        }
        lastRefusedMillis = nowMillis;
        return ++refusedInARun;
    }

    /** Marks the connection as being closed for flooding; true only for the first call. */
    synchronized boolean startFloodClose() {
        if (floodClosing) {
            return false;
        }
        floodClosing = true;
        return true;
    }

    /** Whether the connection is being closed for flooding, so that its input is ignored. */
    synchronized boolean floodClosing() {
        return floodClosing;
    }

    @Override
    public String toString() {
        return "connection " + remote;
    }
}
