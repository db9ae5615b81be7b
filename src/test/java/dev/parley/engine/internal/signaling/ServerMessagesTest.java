package dev.parley.engine.internal.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ServerMessage;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every kind of message the protocol defines reaches exactly one method of the handler, the one
 * for its kind: adding a push to the protocol without a handler fails here.
 */
class ServerMessagesTest {

    @Test
    void everyKindOfServerMessageHasItsRoute() {
        Set<Class<?>> kinds = leaves(ServerMessage.class);
        assertTrue(kinds.size() >= 15, "the protocol's message kinds: " + kinds);
        Set<Class<?>> unrouted = new LinkedHashSet<>(kinds);
        unrouted.removeAll(ServerMessages.routed());
        assertEquals(Set.of(), unrouted, "kinds of server message with no handler");
    }

    @Test
    void eachKindReachesTheMethodForItsKind() throws Exception {
        for (Class<?> kind : leaves(ServerMessage.class)) {
            ServerMessage message = sample(kind);
            List<Method> called = new ArrayList<>();
            ServerMessageHandler recorder = (ServerMessageHandler) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {ServerMessageHandler.class}, (proxy, method, args) -> {
                        called.add(method);
                        return null;
                    });
            ServerMessages.dispatch(message, recorder);
            assertEquals(1, called.size(), kind.getSimpleName() + " reached " + called);
            Class<?> parameter = called.get(0).getParameterTypes()[0];
            Class<?> expected = ServerMessage.Reply.class.isAssignableFrom(kind) ? ServerMessage.Reply.class : kind;
            assertEquals(expected, parameter, kind.getSimpleName() + " went to " + called.get(0).getName());
        }
    }

    @Test
    void theHandlerHasOneMethodPerPushKindPlusWelcomeAndReply() {
        Set<Class<?>> handled = new LinkedHashSet<>();
        for (Method m : ServerMessageHandler.class.getDeclaredMethods()) {
            handled.add(m.getParameterTypes()[0]);
        }
        Set<Class<?>> expected = new LinkedHashSet<>(leaves(ServerMessage.Push.class));
        expected.add(ServerMessage.Welcome.class);
        expected.add(ServerMessage.Reply.class);
        assertEquals(expected, handled);
    }

    /** The concrete records under a sealed type, through every sealed level. */
    private static Set<Class<?>> leaves(Class<?> sealed) {
        Set<Class<?>> out = new LinkedHashSet<>();
        for (Class<?> sub : sealed.getPermittedSubclasses()) {
            if (sub.isSealed()) {
                out.addAll(leaves(sub));
            } else {
                out.add(sub);
            }
        }
        return out;
    }

    /** An instance of a message record with empty values. */
    private static ServerMessage sample(Class<?> kind) throws Exception {
        RecordComponent[] components = kind.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> t = components[i].getType();
            types[i] = t;
            values[i] = t == long.class ? 0L : t == int.class ? 0 : t == boolean.class ? false
                    : t == List.class ? List.of() : t == String.class ? "" : t.isEnum() ? t.getEnumConstants()[0] : null;
        }
        Constructor<?> canonical = kind.getDeclaredConstructor(types);
        return (ServerMessage) canonical.newInstance(values);
    }
}
