package dev.parley.testing;

import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A test's server and the raw clients it opened, all closed together at the end. Not thread-safe. */
public final class RawClients implements AutoCloseable {
    private final List<RawClient> open = new ArrayList<>();
    private ParleyServer server;

    /** Starts the test's server (see {@link TestServers#start(UnaryOperator)}); closed with the clients. */
    public ParleyServer start(UnaryOperator<ServerConfig.Builder> customize) {
        server = TestServers.start(customize);
        return server;
    }

    public ParleyServer start() {
        return start(UnaryOperator.identity());
    }

    public RawClient connect(ParleyServer server) {
        RawClient client = RawClient.connect(server);
        open.add(client);
        return client;
    }

    /** The {@code index}th client connected, from 0. */
    public RawClient get(int index) {
        return open.get(index);
    }

    @Override
    public void close() {
        open.forEach(RawClient::close);
        open.clear();
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
