package dev.parley.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Applies the command line's {@code --log-level} and {@code --log-dir}: the level of Parley's
 * loggers, and a daily rolling log file (kept 14 days, at most 100 MB) beside the stderr output;
 * and how much of the log reaches stderr at all ({@link #consoleThreshold}).
 *
 * <p>Call at start, on the main thread.
 */
final class LogSetup {
    private static final ConsoleThreshold CONSOLE = new ConsoleThreshold();

    static {
        CONSOLE.start();
    }

    private LogSetup() {
    }

    static void level(String level) {
        context().getLogger(Logger.ROOT_LOGGER_NAME).setLevel(parse(level));
    }

    /** The level named, or a usage error saying which names there are. */
    static Level parse(String level) {
        Level parsed = Level.toLevel(level, null);
        if (parsed == null) {
            throw new ParleyCli.UsageException("--log-level must be one of TRACE, DEBUG, INFO, WARN, ERROR: " + level);
        }
        return parsed;
    }

    /**
     * Lets only events at {@code threshold} or above reach stderr (the log file still gets every
     * event at the loggers' level); {@code Level.ALL} lets everything through again.
     *
     * @return the threshold before
     */
    static Level consoleThreshold(Level threshold) {
        for (var appenders = context().getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders(); appenders.hasNext(); ) {
            Appender<ILoggingEvent> appender = appenders.next();
            if (appender instanceof ConsoleAppender && !appender.getCopyOfAttachedFiltersList().contains(CONSOLE)) {
                appender.addFilter(CONSOLE);
            }
        }
        Level before = CONSOLE.threshold;
        CONSOLE.threshold = threshold;
        return before;
    }

    /** Denies console events below its threshold. Thread-safe. */
    private static final class ConsoleThreshold extends Filter<ILoggingEvent> {
        private volatile Level threshold = Level.ALL;

        @Override
        public FilterReply decide(ILoggingEvent event) {
            return event.getLevel().isGreaterOrEqual(threshold) ? FilterReply.NEUTRAL : FilterReply.DENY;
        }
    }

    static void directory(Path dir, String fileName) {
        LoggerContext context = context();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} [%thread] %-5level %logger{36} - %msg%n");
        encoder.start();
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("file");
        file.setFile(dir.resolve(fileName + ".log").toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(file);
        policy.setFileNamePattern(dir.resolve(fileName + "-%d{yyyy-MM-dd}.%i.log").toString());
        policy.setMaxFileSize(FileSize.valueOf("10MB"));
        policy.setMaxHistory(14);
        policy.setTotalSizeCap(FileSize.valueOf("100MB"));
        policy.start();
        file.setRollingPolicy(policy);
        file.setEncoder(encoder);
        file.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(file);
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }
}
