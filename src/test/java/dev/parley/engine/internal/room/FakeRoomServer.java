package dev.parley.engine.internal.room;

import dev.parley.engine.internal.signaling.Connector;
import dev.parley.engine.internal.signaling.ServerConnection;
import dev.parley.protocol.ClientMessage;
import dev.parley.protocol.MessageCodec;
import dev.parley.protocol.ServerMessage;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The server side of the connections the session opens; the test plays the server. */
final class FakeRoomServer implements Connector {
    final List<Connection> connections = new ArrayList<>();

    @Override
    public ServerConnection connect(URI uri, ServerConnection.Listener listener) {
        Connection c = new Connection(uri, listener);
        connections.add(c);
        return c;
    }

    Connection last() {
        return connections.get(connections.size() - 1);
    }

    static final class Connection implements ServerConnection {
        final URI uri;
        final ServerConnection.Listener listener;
        final List<ClientMessage> sent = new ArrayList<>();
        final java.util.Set<Long> answered = new java.util.HashSet<>();
        boolean closedByClient;
        boolean aborted;
        boolean gone;

        Connection(URI uri, ServerConnection.Listener listener) {
            this.uri = uri;
            this.listener = listener;
        }

        void welcome() {
            listener.onMessage(this, new ServerMessage.Welcome(MessageCodec.PROTOCOL_VERSION, "nonce", 0));
        }

        void reply(ServerMessage.Reply reply) {
            listener.onMessage(this, reply);
        }

        void push(ServerMessage.Push push) {
            listener.onMessage(this, push);
        }

        void lose() {
            gone = true;
            listener.onClosed(this, 1006, "lost");
        }

        <T extends ClientMessage> T sent(Class<T> type) {
            List<T> all = all(type);
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }

        <T extends ClientMessage> List<T> all(Class<T> type) {
            return sent.stream().filter(type::isInstance).map(type::cast).toList();
        }

        @Override
        public void send(ClientMessage message) {
            sent.add(message);
        }

        @Override
        public void close() {
            closedByClient = true;
        }

        @Override
        public void abort() {
            aborted = true;
        }

        @Override
        public void closeAndAwait(long millis) {
            closedByClient = true;
        }

        @Override
        public boolean closed() {
            return gone;
        }
    }
}
