package org.gatehouse.app;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaCommand;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.KeaResponse;
import org.gatehouse.kea.KeaUnsupported;
import org.gatehouse.model.SafeText;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Hostile text against the person reading the log with {@code less} or {@code tail -f}: a hostname
 * with a terminal escape, a bidi override and a line break, through the real launcher at DEBUG
 * against a real Kea, never reaches the log raw; where such text does reach a line it is escaped.
 */
@Tag("kea")
class LogHostileTextTest {
    /** Recolours the terminal, reverses what follows, starts a fake log line. */
    static final String ATTACK = "evil\u001b[31mred\u202etxt.exe\n2026-01-01T00:00:00Z INFO fake line";

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    Path dir;

    @BeforeAll
    static void leases() {
        kea.addLease(150, "02:00:00:00:00:96", ATTACK, 3600);
    }

    /** Characters a terminal acts on or that reorder or hide text; the log's own line ends aside. */
    static boolean rawControl(int cp) {
        int type = Character.getType(cp);
        return (cp != '\n' && type == Character.CONTROL) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    @Test
    void hostileTextNeverReachesTheLogRaw() throws Exception {
        GatehouseProcess.User user = GatehouseProcess.User.in(dir.resolve("user"));
        Map<String, String> env = Map.of("GATEHOUSE_KEA", kea.endpoint());
        assertThat(user.run(env, "--debug", "leases", "list").exit()).isZero();
        assertThat(user.run(env, "--debug", "leases", "show", "192.168.40.150").exit()).isZero();
        GatehouseProcess approve = user.run(env, "--debug", "approve", "02:00:00:00:00:96");
        assertThat(approve.exit()).as(approve.err()).isZero();
        assertThat(user.run(env, "--debug", "sync", "--once").exit()).isZero();
        assertThat(user.run(env, "--debug", "unregister", "02:00:00:00:00:96").exit()).isZero();

        String log = user.log();
        assertThat(log.codePoints().filter(LogHostileTextTest::rawControl).mapToObj(Integer::toHexString).toList())
                .as("raw control, bidi or invisible characters in the log").isEmpty();
        assertThat(log.lines()).as("no line was forged").noneMatch(l -> l.startsWith("2026-01-01T00:00:00Z"));
        assertThat(log).as("the commands that read and wrote the hostile lease were logged").contains("kea lease4-get-page at ")
                .contains("write lock on ").contains("kea lease4-del at ").contains(" DEBUG ");
    }

    @Test
    void keasWordsInALogLineAreEscaped() {
        // Kea echoes an unknown command's name in its answer: hostile text comes back in Kea's words.
        Logger logger = (Logger) LoggerFactory.getLogger(KeaClient.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        Level before = logger.getLevel();
        logger.setLevel(Level.INFO); // the tests' logback-test.xml keeps org.gatehouse at WARN
        try {
            KeaCommand<Void> hostile = new KeaCommand<>() {
                @Override
                public String name() {
                    return ATTACK;
                }

                @Override
                public ObjectNode arguments(KeaJson json) {
                    return null;
                }

                @Override
                public Void decode(KeaResponse r, KeaJson json) {
                    return null;
                }
            };
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> kea.client().execute(hostile)).isInstanceOf(KeaUnsupported.class);
        } finally {
            logger.setLevel(before);
            logger.detachAppender(seen);
        }
        String line = seen.list.get(seen.list.size() - 1).getFormattedMessage();
        assertThat(line).contains("KeaUnsupported result 2").contains(SafeText.escapeForTerminal(ATTACK));
        assertThat(line.codePoints().filter(cp -> Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT)).isEmpty();
    }
}
