package dev.parley.engine;

/**
 * Service interface through which {@link ParleyEngine#createEngine} finds the engine
 * implementation with {@link java.util.ServiceLoader}. Applications do not use it.
 */
public interface EngineProvider {
    ParleyEngine create(EngineProfile profile, EventHandler handler);
}
