package dev.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client sockets on {@code java.net.http} WebSockets: a few {@link HttpClient}s (one selector
 * thread each) sharing one small executor. Selected with {@code -Dbench.client=jdk}; kept to show
 * how much the client library weighs on a 2-core machine. Thread-safe.
 */
final class JdkClientConnector implements ClientSocket.Connector {
    private final ExecutorService executor;
    private final HttpClient[] clients;

    JdkClientConnector(int httpClients, int executorThreads) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(executorThreads, r -> {
            Thread t = new Thread(r, "bench-jdk-client-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.clients = new HttpClient[httpClients];
        for (int i = 0; i < httpClients; i++) {
            clients[i] = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(30)).build();
        }
    }

    @Override
    public void connect(URI uri, int index, ClientSocket.Events events) {
        Socket socket = new Socket(events);
        clients[index % clients.length].newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .buildAsync(uri, socket)
                .whenComplete((ws, e) -> {
                    if (e != null) {
                        socket.ended(1006, "connect failed: " + e);
                    }
                });
    }

    @Override
    public String describe() {
        return "java.net.http WebSockets on " + clients.length + " HttpClient(s) (one selector thread each) sharing a "
                + "fixed executor; arrival is the time the listener is called, before parsing";
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static final class Socket implements ClientSocket, WebSocket.Listener {
        private final ClientSocket.Events events;
        private final StringBuilder partial = new StringBuilder();
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile WebSocket webSocket;
        private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);

        Socket(ClientSocket.Events events) {
            this.events = events;
        }

        @Override
        public void onOpen(WebSocket ws) {
            this.webSocket = ws;
            ws.request(Long.MAX_VALUE);
            events.opened(this);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            long now = System.nanoTime();
            if (!last) {
                partial.append(data);
                return null;
            }
            String text;
            if (partial.length() > 0) {
                text = partial.append(data).toString();
                partial.setLength(0);
            } else {
                text = data.toString();
            }
            events.text(text, now);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            ended(statusCode, reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            ended(1006, String.valueOf(error));
        }

        void ended(int code, String reason) {
            if (ended.compareAndSet(false, true)) {
                events.closed(code, reason);
            }
        }

        @Override
        public synchronized void sendText(String text) {
            // The JDK refuses a send while the previous one is pending, so sends are chained.
            sendChain = sendChain.thenCompose(v -> webSocket.sendText(text, true)).exceptionally(e -> null);
        }

        @Override
        public synchronized void close() {
            sendChain = sendChain.thenCompose(v -> webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done"))
                    .exceptionally(e -> null);
        }

        @Override
        public void abort() {
            WebSocket ws = webSocket;
            if (ws != null) {
                ws.abort();
            }
            ended(1006, "aborted");
        }
    }
}
