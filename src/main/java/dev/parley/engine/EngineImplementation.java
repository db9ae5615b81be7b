package dev.parley.engine;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * Finds the engine implementation for {@link ParleyEngine#createEngine}. The public API names no
 * internal type, so that the dependency between the two packages runs one way (internal uses the
 * API); the implementation is therefore looked up by its class name. See docs/architecture.md,
 * "The public SDK".
 *
 * <p>Stateless; any thread.
 */
final class EngineImplementation {
    static final String CLASS_NAME = "dev.parley.engine.internal.EngineImpl";

    private EngineImplementation() {
    }

    static ParleyEngine create(EngineProfile profile, EventHandler handler) {
        try {
            return lookUp().newInstance(profile, handler);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("the engine could not be created", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the engine could not be created", e);
        }
    }

    private static Constructor<? extends ParleyEngine> lookUp() {
        try {
            Constructor<? extends ParleyEngine> constructor = Class.forName(CLASS_NAME, true,
                            EngineImplementation.class.getClassLoader()).asSubclass(ParleyEngine.class)
                    .getDeclaredConstructor(EngineProfile.class, EventHandler.class);
            constructor.setAccessible(true);
            return constructor;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no Parley engine implementation on the class path", e);
        }
    }
}
