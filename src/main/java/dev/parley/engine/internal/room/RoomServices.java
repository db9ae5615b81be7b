package dev.parley.engine.internal.room;

import dev.parley.engine.EngineProfile;
import dev.parley.engine.internal.core.CallbackDispatcher;
import dev.parley.engine.internal.core.Scheduler;
import dev.parley.engine.internal.media.EngineMedia;
import dev.parley.engine.internal.signaling.Connector;
import dev.parley.engine.internal.signaling.RequestIds;

/**
 * What every room session of an engine works with: the profile, the engine loop (its thread,
 * timers and clock), the callback dispatcher, the way to the server, the request IDs, and the
 * engine's media. Immutable; shared by the engine's room sessions.
 */
public record RoomServices(EngineProfile profile, Scheduler loop, CallbackDispatcher callbacks, Connector connector,
                           RequestIds requestIds, EngineMedia media) {
}
