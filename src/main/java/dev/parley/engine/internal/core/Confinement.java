package dev.parley.engine.internal.core;

/**
 * One thread that some methods must run on: the engine loop, or the RTC thread. Confined methods
 * call {@link #check()} on entry. The check is a comparison of two references; it is on when the
 * JVM runs with assertions enabled (as the tests do) or with {@code -Dparley.checkThreads=true},
 * and off otherwise. See docs/architecture.md, "Threads".
 *
 * <p>Thread-safe. The thread is bound once it exists, by the thread factory that creates it.
 */
public final class Confinement {
    private static final boolean CHECKED = Confinement.class.desiredAssertionStatus()
            || Boolean.getBoolean("parley.checkThreads");

    private final String name;
    private volatile Thread owner;

    /** @param name what the thread is, for the message of a failed check ("the RTC thread of engine 3") */
    public Confinement(String name) {
        this.name = name;
    }

    /** The thread that owns this confinement from now on. */
    public Confinement bind(Thread thread) {
        this.owner = thread;
        return this;
    }

    /** Whether the caller runs on the thread. */
    public boolean isCurrent() {
        return Thread.currentThread() == owner;
    }

    /**
     * Throws when checks are on and the caller is not on the thread.
     *
     * @throws IllegalStateException naming the thread expected and the caller's
     */
    public void check() {
        if (CHECKED && Thread.currentThread() != owner) {
            throw new IllegalStateException("must run on " + name + " (" + (owner == null ? "not started" : owner.getName())
                    + "), not on " + Thread.currentThread().getName());
        }
    }

    /** Whether {@link #check()} checks in this JVM. */
    public static boolean checked() {
        return CHECKED;
    }

    @Override
    public String toString() {
        return name;
    }
}
