package org.gatehouse.app;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Instant;
import java.util.List;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.kea.KeaWriteLock;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** The write lock in the log, on a real Kea: the wait before taking it at INFO, taking over a dead holder at WARN. */
@Tag("kea")
class WriteLockLogTest {
    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @Test
    void takingOverADeadHoldersLockIsAWarningAndTheWaitIsLogged() {
        // A holder that died a second into its lock: Kea reclaims the lease, then it is taken over.
        kea.client().execute(new KeaCommands.Lease4Add(new Lease(Ipv4.parse("192.168.40.0"), Mac.parse("0e:67:68:de:ad:01"),
                KeaWriteLock.MARKER, 40, LeaseState.DEFAULT, Instant.now().getEpochSecond(), 1)));
        Logger logger = (Logger) LoggerFactory.getLogger(KeaWriteLock.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        Level before = logger.getLevel();
        logger.setLevel(Level.INFO); // the tests' logback-test.xml keeps org.gatehouse at WARN
        try {
            assertThat(kea.client().writeLock().holding("approve \u001b[31m\u202e", () -> "done")).isEqualTo("done");
        } finally {
            logger.setLevel(before);
            logger.detachAppender(seen);
        }
        List<ILoggingEvent> events = seen.list;
        assertThat(events).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("taking over the stale lock of holder 0e:67:68:de:ad:01");
        assertThat(events).filteredOn(e -> e.getLevel() == Level.INFO).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).containsPattern("write lock on 192.168.40.0 taken for approve \\\\x1b\\[31m\\\\u202e after waiting \\d+ ms"));
    }
}
