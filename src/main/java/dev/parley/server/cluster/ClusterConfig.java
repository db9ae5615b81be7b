package dev.parley.server.cluster;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a server node joins the others that share one Redis: where Redis is, the node's own ID, and
 * the URL clients reach this node on (where other nodes redirect them). Immutable; the
 * constructor refuses what cannot work, with a message that says why.
 *
 * @param redis {@code redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]}, or {@code rediss://} for TLS
 * @param nodeId this node's ID, 1 to 64 of {@code [A-Za-z0-9_-]}, unique among the nodes; a
 *               random one when null
 * @param publicUrl the {@code ws://} or {@code wss://} URL clients reach this node on; null for
 *                  the URL the server listens on (enough when every node runs on one machine)
 */
public record ClusterConfig(URI redis, String nodeId, String publicUrl) {
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Redis's own default port. */
    public static final int DEFAULT_REDIS_PORT = 6379;

    public ClusterConfig {
        Objects.requireNonNull(redis, "redis");
        String scheme = redis.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw new IllegalArgumentException("the Redis URL must be redis://HOST:PORT (or rediss:// for TLS): " + redis);
        }
        if (redis.getHost() == null || redis.getHost().isEmpty()) {
            throw new IllegalArgumentException("the Redis URL has no host: " + redis);
        }
        String path = redis.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/") && !path.matches("/\\d{1,2}")) {
            throw new IllegalArgumentException("the Redis URL's path must be empty or a database number: " + redis);
        }
        if (redis.getQuery() != null || redis.getFragment() != null) {
            throw new IllegalArgumentException("the Redis URL must have no query or fragment: " + redis);
        }
        if (nodeId == null) {
            byte[] random = new byte[4];
            new SecureRandom().nextBytes(random);
            nodeId = "node-" + HexFormat.of().formatHex(random);
        }
        if (!NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("a node ID is 1 to 64 letters, digits, '-' or '_': " + nodeId);
        }
        if (publicUrl != null) {
            checkPublicUrl(publicUrl);
        }
    }

    /**
     * Reads the three settings as given on a command line or in a config file.
     *
     * @throws IllegalArgumentException when one of them is not valid
     */
    public static ClusterConfig of(String redisUrl, String nodeId, String publicUrl) {
        if (redisUrl == null || redisUrl.isBlank()) {
            throw new IllegalArgumentException("a Redis URL is needed for several nodes (redis://HOST:PORT)");
        }
        URI redis;
        try {
            redis = new URI(redisUrl.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the Redis URL is not a URL: " + redisUrl);
        }
        return new ClusterConfig(redis, nodeId, publicUrl);
    }

    private static void checkPublicUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the public URL is not a URL: " + url);
        }
        if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
            throw new IllegalArgumentException("the public URL must be ws://HOST:PORT or wss://HOST:PORT: " + url);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("the public URL has no host: " + url);
        }
        if (uri.getRawUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("the public URL must be only scheme, host and port: " + url);
        }
    }

    /** The Redis host. */
    public String redisHost() {
        return redis.getHost();
    }

    /** The Redis port, {@value #DEFAULT_REDIS_PORT} when the URL gives none. */
    public int redisPort() {
        return redis.getPort() > 0 ? redis.getPort() : DEFAULT_REDIS_PORT;
    }

    /** The Redis database number, 0 when the URL gives none. */
    public int redisDatabase() {
        String path = redis.getPath();
        return path == null || path.length() <= 1 ? 0 : Integer.parseInt(path.substring(1));
    }

    /** Whether Redis is reached over TLS ({@code rediss://}). */
    public boolean redisTls() {
        return "rediss".equals(redis.getScheme());
    }

    /** The user of the Redis URL's credentials, or null. */
    String redisUser() {
        String info = redis.getUserInfo();
        if (info == null) {
            return null;
        }
        int colon = info.indexOf(':');
        String user = colon < 0 ? null : info.substring(0, colon);
        return user == null || user.isEmpty() ? null : user;
    }

    /** The password of the Redis URL's credentials, or null. */
    String redisPassword() {
        String info = redis.getUserInfo();
        if (info == null) {
            return null;
        }
        int colon = info.indexOf(':');
        return colon < 0 ? info : info.substring(colon + 1);
    }

    /** Whether the Redis URL carries a password. */
    public boolean redisAuthenticated() {
        return redisPassword() != null;
    }

    /** Where Redis is, without credentials: for logs and {@code --check-config}. */
    public String redisAddress() {
        return redis.getScheme() + "://" + redisHost() + ":" + redisPort() + (redisDatabase() == 0 ? "" : "/" + redisDatabase());
    }

    @Override
    public String toString() {
        return "ClusterConfig[redis=" + redisAddress() + ", nodeId=" + nodeId + ", publicUrl=" + publicUrl + "]";
    }
}
