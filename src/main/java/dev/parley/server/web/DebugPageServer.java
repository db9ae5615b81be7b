package dev.parley.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the browser debug page: a fixed set of static files and {@code /config.json}, which tells
 * the page where the WebSocket is and, for a server that accepts the public development app, that
 * app's ID and appSign to fill in. Only GET and HEAD; every response carries a strict
 * Content-Security-Policy that allows scripts, styles and connections to this server only.
 *
 * <p>Threading: requests are served on a small pool of its own. Lifecycle: {@link #start}, then
 * {@link #close()} with the room server.
 */
public final class DebugPageServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DebugPageServer.class);
    private static final Map<String, String> FILES = Map.of(
            "/index.html", "text/html; charset=utf-8",
            "/page.js", "text/javascript; charset=utf-8",
            "/parley-client.js", "text/javascript; charset=utf-8",
            "/style.css", "text/css; charset=utf-8",
            "/favicon.svg", "image/svg+xml");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An app whose appSign is public, such as Parley's development app: the page fills it in and
     * says which app it is. Never give an app whose appSign is a secret.
     */
    public record DevelopmentApp(long appId, String appSign) {
        public DevelopmentApp {
            Objects.requireNonNull(appSign, "appSign");
        }
    }

    private final HttpServer http;
    private final ExecutorService pool;
    private final int webSocketPort;
    private final boolean tls;
    private final byte[] config;

    private DebugPageServer(HttpServer http, ExecutorService pool, int webSocketPort, boolean tls,
                            DevelopmentApp developmentApp) {
        this.http = http;
        this.pool = pool;
        this.webSocketPort = webSocketPort;
        this.tls = tls;
        this.config = config(webSocketPort, tls, developmentApp);
    }

    /**
     * Starts serving on {@code bindAddress:port} (0 for any free port); HTTPS when {@code ssl} is
     * given, as the WebSocket then is wss.
     */
    public static DebugPageServer start(String bindAddress, int port, int webSocketPort, SSLContext ssl) throws IOException {
        return start(bindAddress, port, webSocketPort, ssl, null);
    }

    /** As {@link #start(String, int, int, SSLContext)}, with the page filling in {@code developmentApp} (or nothing when null). */
    public static DebugPageServer start(String bindAddress, int port, int webSocketPort, SSLContext ssl,
                                        DevelopmentApp developmentApp) throws IOException {
        InetSocketAddress address = new InetSocketAddress(bindAddress, port);
        HttpServer http;
        if (ssl != null) {
            HttpsServer https = HttpsServer.create(address, 16);
            https.setHttpsConfigurator(new HttpsConfigurator(ssl));
            http = https;
        } else {
            http = HttpServer.create(address, 16);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "parley-web");
            t.setDaemon(true);
            return t;
        });
        DebugPageServer server = new DebugPageServer(http, pool, webSocketPort, ssl != null, developmentApp);
        http.createContext("/", server::handle);
        http.setExecutor(pool);
        http.start();
        LOG.info("debug page on {}", server.url());
        return server;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** The address the page is served on, as bound (the wildcard address for every interface). */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** The page's URL, with 127.0.0.1 for a server bound to every address. */
    public String url() {
        InetSocketAddress address = http.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
        return (tls ? "https://" : "http://") + host + ":" + port() + "/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            securityHeaders(exchange);
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (path.equals("/")) {
                path = "/index.html";
            }
            if (path.equals("/config.json")) {
                send(exchange, 200, "application/json", config);
                return;
            }
            String type = FILES.get(path);
            byte[] body = type == null ? null : resource(path);
            if (body == null) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(exchange, 200, type, body);
        } catch (IOException | RuntimeException e) {
            LOG.debug("debug page request failed: {}", e.toString());
        }
    }

    private static byte[] config(int webSocketPort, boolean tls, DevelopmentApp developmentApp) {
        ObjectNode config = JSON.createObjectNode().put("webSocketPort", webSocketPort).put("secure", tls);
        if (developmentApp != null) {
            config.putObject("developmentApp").put("appId", developmentApp.appId()).put("appSign", developmentApp.appSign());
        }
        try {
            return JSON.writeValueAsBytes(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = DebugPageServer.class.getResourceAsStream(path.substring(1))) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private void securityHeaders(HttpExchange exchange) {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Security-Policy", ContentSecurityPolicy.forPage(exchange.getRequestHeaders().getFirst("Host"),
                webSocketPort, tls));
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("Permissions-Policy", "camera=(self), microphone=(self), geolocation=()");
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }
}
