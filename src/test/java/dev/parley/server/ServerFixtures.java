package dev.parley.server;

import dev.parley.protocol.ServerMessage;
import dev.parley.testing.RawClient;
import dev.parley.testing.TestServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Servers with an injected clock, and a pair of bystanders that prove a room still works. */
final class ServerFixtures {
    private ServerFixtures() {
    }

    /** Starts a server on port 0 with the {@link TestServers} apps, customized, on {@code clock}. */
    static ParleyServer start(Clock clock, UnaryOperator<ServerConfig.Builder> customize) {
        try {
            return ParleyServer.start(customize.apply(TestServers.config()).build(), clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Two clients in a room of their own. {@link #assertStillTalking()} checks that they still
     * exchange broadcasts both ways; each check spends one broadcast of each user's 2/s.
     */
    static final class Bystanders implements AutoCloseable {
        final RawClient first;
        final RawClient second;
        final String roomId;

        Bystanders(ParleyServer server) {
            this.roomId = "bystanders";
            this.first = RawClient.connect(server);
            this.second = RawClient.connect(server);
            first.login(roomId, "bystander-1", true);
            second.login(roomId, "bystander-2", true);
        }

        void assertStillTalking() {
            exchange(first, second);
            exchange(second, first);
        }

        private static void exchange(RawClient from, RawClient to) {
            String text = "still here " + UUID.randomUUID();
            ServerMessage.Reply reply = from.ok(id -> new dev.parley.protocol.ClientMessage.SendBroadcast(id, text));
            long messageId = ((ServerMessage.BroadcastSent) reply).messageId();
            ServerMessage.BroadcastReceived got = to.awaitPush(ServerMessage.BroadcastReceived.class,
                    b -> b.message().equals(text));
            assertEquals(messageId, got.messageId());
        }

        @Override
        public void close() {
            first.close();
            second.close();
        }
    }
}
