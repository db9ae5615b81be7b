package dev.parley.engine.internal.rtc;

import dev.onvoid.webrtc.media.audio.AudioTrack;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops native references that webrtc-java 0.14 hands out but never gives back: the peer
 * connection itself ({@code close()} forgets its reference) and each transceiver returned by
 * {@code addTransceiver}. Without this every closed connection stays in native memory and keeps
 * its factory's audio threads alive (docs/webrtc-java-0.14.md, sections 0 and 9).
 *
 * <p>webrtc-java has no call for this, but its track {@code dispose()} is exactly "call
 * {@code Release()} on the handle and report whether that was the last reference". Every handle
 * here points to a {@code RefCountInterface} as its primary base, so {@code Release()} sits in the
 * same virtual slot; a track wrapper that carries the connection's handle drops the
 * connection's reference. This holds for the pinned 0.14.0 natives and must be checked again on
 * any upgrade (the engine cycle test fails if it stops working).
 *
 * <p>Call only on the RTC thread, while the factory that made the objects is alive: releasing a
 * connection runs its destructor through the signaling thread. Stateless; if the library is on
 * the module path and not open to reflection, nothing is released and a warning is logged once.
 */
public final class NativeReferences {
    private static final Logger LOG = LoggerFactory.getLogger(NativeReferences.class);
    private static final Field HANDLE;
    private static final Constructor<AudioTrack> CARRIER;

    static {
        Field handle = null;
        Constructor<AudioTrack> carrier = null;
        try {
            handle = Class.forName("dev.onvoid.webrtc.internal.NativeObject").getDeclaredField("nativeHandle");
            handle.setAccessible(true);
            carrier = AudioTrack.class.getDeclaredConstructor();
            carrier.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("closed peer connections cannot be released ({}); each call will leak native memory", e.toString());
            handle = null;
            carrier = null;
        }
        HANDLE = handle;
        CARRIER = carrier;
    }

    private NativeReferences() {
    }

    /** The native address behind a webrtc-java object, or 0; read it before {@code close()} clears it. */
    public static long handleOf(Object nativeObject) {
        if (HANDLE == null || nativeObject == null) {
            return 0;
        }
        try {
            return HANDLE.getLong(nativeObject);
        } catch (IllegalAccessException e) {
            return 0;
        }
    }

    /**
     * Drops one reference to the object at {@code handle}. Returns whether that was the last one;
     * either way the reference is gone. Does nothing for 0.
     */
    public static boolean release(long handle) {
        if (handle == 0 || CARRIER == null) {
            return false;
        }
        AudioTrack carrier;
        try {
            carrier = CARRIER.newInstance();
            HANDLE.setLong(carrier, handle);
        } catch (ReflectiveOperationException e) {
            LOG.warn("cannot release a native reference: {}", e.toString());
            return false;
        }
        try {
            carrier.dispose();
            return true;
        } catch (Error notLast) {
            // webrtc-java threw after Release() because other references remain; the carrier's
            // handle was not cleared, and must not be used again
            clear(carrier);
            return false;
        }
    }

    private static void clear(Object carrier) {
        try {
            HANDLE.setLong(carrier, 0);
        } catch (IllegalAccessException ignored) {
            // the carrier is dropped anyway
        }
    }
}
