package dev.parley.server.cluster;

import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The node's Jedis client (a small pool that reconnects by itself) and what the node knows of
 * Redis's health. A command that fails on a broken pooled connection is tried once more on a
 * fresh one; a second failure marks Redis unreachable, logged once as one line, never as a stack
 * trace, until {@link #reachable(boolean)} says it is back.
 *
 * <p>{@link #call} and the health are used on the node's Redis thread only; {@link #client()} may
 * also serve the subscriber's own connection. Lives until {@link #close()}.
 */
final class RedisLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);
    /** Connecting gives up after this long, so that a Redis that is away holds nothing up for long. */
    private static final int CONNECT_TIMEOUT_MILLIS = 500;
    private static final int READ_TIMEOUT_MILLIS = 1000;

    /** Redis could not be reached for a command; the node goes on with what it knows. */
    static final class Unreachable extends Exception {
        Unreachable(String message) {
            super(message, null, false, false);
        }
    }

    private final RedisClient client;
    private final HostAndPort hostAndPort;
    private final JedisClientConfig settings;
    private final String address;
    private boolean reachable = true;

    RedisLink(ClusterConfig config) {
        DefaultJedisClientConfig.Builder settings = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(CONNECT_TIMEOUT_MILLIS)
                .socketTimeoutMillis(READ_TIMEOUT_MILLIS)
                .database(config.redisDatabase())
                .ssl(config.redisTls())
                .clientName("parley-" + config.nodeId());
        if (config.redisPassword() != null) {
            settings.user(config.redisUser()).password(config.redisPassword());
        }
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(4);
        pool.setMaxIdle(4);
        pool.setMinIdle(0);
        pool.setMaxWait(java.time.Duration.ofMillis(READ_TIMEOUT_MILLIS));
        pool.setJmxEnabled(false);
        this.hostAndPort = new HostAndPort(config.redisHost(), config.redisPort());
        this.settings = settings.build();
        this.client = RedisClient.builder()
                .hostAndPort(hostAndPort)
                .clientConfig(this.settings)
                .poolConfig(pool)
                .build();
        this.address = config.redisAddress();
    }

    RedisClient client() {
        return client;
    }

    /**
     * A connection of its own, outside the pool, for a subscription; connected at once.
     *
     * @throws JedisException when Redis cannot be reached
     */
    Connection newConnection() {
        return new Connection(hostAndPort, settings);
    }

    String address() {
        return address;
    }

    /** Whether the last command reached Redis. */
    boolean reachable() {
        return reachable;
    }

    /**
     * Runs {@code command}, once more on a fresh connection if the first try fails to reach Redis.
     *
     * @throws Unreachable when Redis cannot be reached
     */
    <T> T call(Function<RedisClient, T> command) throws Unreachable {
        try {
            return command.apply(client);
        } catch (JedisDataException e) {
            throw e;
        } catch (JedisException first) {
            try {
                return command.apply(client);
            } catch (JedisDataException e) {
                throw e;
            } catch (JedisException second) {
                String why = describe(second);
                if (reachable) {
                    reachable = false;
                    LOG.warn("Redis at {} is unreachable ({}); rooms running here keep running, and this node joins the"
                            + " others again once it is back", address, why);
                }
                throw new Unreachable(why);
            }
        }
    }

    /** Marks Redis reachable again; returns true when it had been unreachable. */
    boolean reachable(boolean now) {
        boolean recovered = now && !reachable;
        reachable = now;
        return recovered;
    }

    /** The failure in a few words: the exception's message and that of its cause. */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
            text.append(": ").append(cause.getMessage());
        }
        return text.toString();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (JedisException e) {
            LOG.debug("closing the Redis client: {}", describe(e));
        }
    }
}
