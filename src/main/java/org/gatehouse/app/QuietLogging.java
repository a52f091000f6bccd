package org.gatehouse.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration until {@link Logging#start} sets the launcher's, and for library use:
 * warnings and errors to stderr, as the CLI's output is its contract. Found by logback through
 * {@code META-INF/services}, and built in code: reading a logback.xml costs a command about 60 ms
 * of its start (Joran and the XML parser). Where a {@code logback-test.xml} or a
 * {@code logback.configurationFile} exists (the tests), logback reads that instead.
 */
public final class QuietLogging extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || QuietLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        warningsToStderr(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Warnings and errors to stderr, with the time. */
    static void warningsToStderr(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> toStderr = stderr(context, "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n");
        toStderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(toStderr);
    }

    /** A stderr appender with {@code pattern}, not started (filters may still be added). */
    static ConsoleAppender<ILoggingEvent> stderr(LoggerContext context, String pattern) {
        ConsoleAppender<ILoggingEvent> a = new ConsoleAppender<>();
        a.setContext(context);
        a.setName("STDERR");
        a.setTarget("System.err");
        a.setEncoder(encoder(context, pattern));
        return a;
    }

    static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(context);
        e.setPattern(pattern);
        e.start();
        return e;
    }
}
