package dev.parley.server.cluster;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * What other nodes tell this one: a subscription to the node's own pub/sub channel, on a
 * connection and a thread of its own. {@link #check()}, called every second, pings it; when Redis
 * has not answered for {@value #SILENCE_MILLIS} ms the connection is dropped, and it is subscribed
 * again on a new one as soon as Redis answers (so a restarted or unreachable Redis costs at most
 * the messages sent meanwhile). Messages go to {@code onMessage} on the subscription's thread.
 *
 * <p>Thread-safe; lives from {@link #start()} to {@link #stop()}.
 */
final class NodeEvents {
    private static final Logger LOG = LoggerFactory.getLogger(NodeEvents.class);
    private static final long RETRY_MILLIS = 500;
    private static final long SILENCE_MILLIS = 4000;

    private final RedisLink redis;
    private final String channel;
    private final Consumer<String> onMessage;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile JedisPubSub current;
    private volatile Connection connection;
    private volatile long lastHeardNanos = System.nanoTime();

    NodeEvents(RedisLink redis, String channel, Consumer<String> onMessage) {
        this.redis = redis;
        this.channel = channel;
        this.onMessage = onMessage;
        this.thread = new Thread(this::listen, "parley-cluster-events");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void listen() {
        while (running) {
            JedisPubSub subscription = new JedisPubSub() {
                @Override
                public void onSubscribe(String to, int count) {
                    lastHeardNanos = System.nanoTime();
                }

                @Override
                public void onPong(String pattern) {
                    lastHeardNanos = System.nanoTime();
                }

                @Override
                public void onMessage(String from, String message) {
                    lastHeardNanos = System.nanoTime();
                    try {
                        onMessage.accept(message);
                    } catch (RuntimeException e) {
                        LOG.error("handling the cluster message '{}' failed", message, e);
                    }
                }
            };
            Connection link = null;
            try {
                link = redis.newConnection(); // connects at once
                current = subscription;
                connection = link;
                lastHeardNanos = System.nanoTime();
                subscription.proceed(link, channel);
            } catch (JedisException e) {
                LOG.debug("subscription to {} ended: {}", channel, RedisLink.describe(e));
            } catch (RuntimeException e) {
                LOG.warn("subscription to {} ended: {}", channel, RedisLink.describe(e));
            } finally {
                current = null;
                connection = null;
                if (link != null) {
                    link.close();
                }
            }
            if (running) {
                try {
                    TimeUnit.MILLISECONDS.sleep(RETRY_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Whether the subscription is up now. */
    boolean subscribed() {
        JedisPubSub subscription = current;
        return subscription != null && subscription.isSubscribed();
    }

    /**
     * Pings the subscription, or drops its connection when Redis has been silent on it for too
     * long, so that it is made again. Called from the node's Redis thread.
     */
    void check() {
        JedisPubSub subscription = current;
        if (subscription == null || !subscription.isSubscribed()) {
            return;
        }
        if (System.nanoTime() - lastHeardNanos > TimeUnit.MILLISECONDS.toNanos(SILENCE_MILLIS)) {
            LOG.debug("no answer on the subscription to {}; subscribing again", channel);
            drop();
            return;
        }
        try {
            subscription.ping();
        } catch (JedisException e) {
            LOG.debug("subscription ping failed: {}", RedisLink.describe(e));
            drop();
        }
    }

    private void drop() {
        Connection link = connection;
        if (link != null) {
            try {
                link.forceDisconnect();
            } catch (IOException | JedisException e) {
                LOG.debug("dropping the subscription connection: {}", RedisLink.describe(e));
            }
        }
    }

    void stop() {
        running = false;
        drop();
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
