package dev.parley.engine.internal;

import dev.parley.engine.EngineProfile;
import dev.parley.protocol.MessageCodec;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the parts of an engine share: its loop, profile, codec, callback dispatcher and request IDs.
 *
 * <p>Implemented by the engine; its methods are safe from the engine loop.
 */
interface EngineContext {
    ScheduledExecutorService loop();

    EngineProfile profile();

    MessageCodec codec();

    CallbackDispatcher callbacks();

    long nextRequestId();

    MediaRuntime media();

    /** A room session ended by itself or by logout; the engine may log in again. */
    void sessionEnded(RoomSession session);
}
