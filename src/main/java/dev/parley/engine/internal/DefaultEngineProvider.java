package dev.parley.engine.internal;

import dev.parley.engine.EngineProfile;
import dev.parley.engine.EngineProvider;
import dev.parley.engine.EventHandler;
import dev.parley.engine.ParleyEngine;

/** The engine implementation that {@link ParleyEngine#createEngine} finds. Stateless. */
public final class DefaultEngineProvider implements EngineProvider {
    @Override
    public ParleyEngine create(EngineProfile profile, EventHandler handler) {
        return new EngineImpl(profile, handler);
    }
}
