package dev.parley.testing;

import dev.parley.server.ParleyServer;
import java.util.ArrayList;
import java.util.List;

/** The raw clients a test opened, closed together at the end. Not thread-safe. */
public final class RawClients implements AutoCloseable {
    private final List<RawClient> open = new ArrayList<>();

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
    }
}
