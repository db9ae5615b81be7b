package dev.parley.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Records every log event of this JVM from creation to {@link #close()}, so that a test can
 * check what was logged and how (level, stack traces). Thread-safe.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public LogCapture() {
        appender.start();
        root.addAppender(appender);
    }

    /** The events so far that match. */
    public List<ILoggingEvent> events(Predicate<ILoggingEvent> filter) {
        synchronized (appender) { // AppenderBase appends under its own lock
            return appender.list.stream().filter(filter).toList();
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
