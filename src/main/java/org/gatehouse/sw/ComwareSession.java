package org.gatehouse.sw;

import com.jcraft.jsch.ChannelShell;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.gatehouse.model.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One interactive Comware CLI session over an SSH shell channel: one per batch of work. Knows the
 * prompts ({@code <sysname>} in user view, {@code [sysname]} and {@code [sysname-…]} in system and
 * sub-views), answers the "Press Y or ENTER" banner, turns paging off, and reads each command's
 * output up to the next prompt within a deadline. A line starting with {@code %} after a command
 * is the switch refusing it.
 */
public final class ComwareSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ComwareSession.class);
    /** The whole last line is a prompt: {@code <name>} or {@code [name]} / {@code [name-view]}. */
    private static final Pattern PROMPT = Pattern.compile("(?:<[^<>\\r\\n]{1,120}>|\\[[^\\[\\]\\r\\n]{1,160}\\])\\s*");
    private static final Pattern BANNER = Pattern.compile("(?i)press y or enter to continue");
    private static final Pattern MORE = Pattern.compile("-{2,} ?More ?-{2,}");
    /** Asynchronous log messages ({@code %Nov 24 10:00:00:123 2026 sw SHELL/5/…}) are not errors. */
    private static final Pattern LOG_MESSAGE = Pattern.compile("%\\s?[A-Z][a-z]{2} +\\d{1,2} \\d.*");

    /** What one command printed. */
    public record Reply(CliCommand command, List<String> lines, List<String> errors, String prompt) {
        public boolean rejected() {
            return !errors.isEmpty();
        }

        public String text() {
            return String.join("\n", lines);
        }
    }

    private final String endpoint;
    private final Session ssh;
    private final ChannelShell channel;
    private final InputStream in;
    private final OutputStream out;
    private final Duration timeout;
    /** {@code save force} writes flash: a 5130 can take far longer than any other command. */
    private final Duration saveTimeout;
    private final List<String> applied = new ArrayList<>();
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "comware-deadline");
        t.setDaemon(true);
        return t;
    });
    private String prompt;
    private boolean saved;
    private int commandsSent;

    /**
     * The most one command's output may be: 16 MiB. The largest output read, {@code display
     * mac-address} of a full 5130 (32k entries, about 80 bytes each), is 2.6 MB; a switch or a
     * man in the middle that keeps sending is stopped here rather than filling the heap.
     */
    public static final int MAX_OUTPUT_CHARS = 16 * 1024 * 1024;
    /** Prompts and "More" lines are short: only this much of the last line is ever inspected. */
    private static final int TAIL = 512;

    /** The least time {@code save force} is given, whatever the per-command timeout. */
    public static final Duration MIN_SAVE_TIMEOUT = Duration.ofSeconds(60);

    private ComwareSession(String endpoint, Session ssh, ChannelShell channel, Duration timeout, Duration saveTimeout) throws IOException {
        this.endpoint = endpoint;
        this.ssh = ssh;
        this.channel = channel;
        this.in = channel.getInputStream();
        this.out = channel.getOutputStream();
        this.timeout = timeout;
        this.saveTimeout = saveTimeout;
    }

    /** Opens a shell on an authenticated SSH session, waits for the first prompt and disables paging. */
    public static ComwareSession open(String endpoint, Session ssh, Duration timeout) {
        return open(endpoint, ssh, timeout, timeout.compareTo(MIN_SAVE_TIMEOUT) > 0 ? timeout : MIN_SAVE_TIMEOUT);
    }

    /** As {@link #open(String, Session, Duration)}, with {@code save force} allowed {@code saveTimeout}. */
    public static ComwareSession open(String endpoint, Session ssh, Duration timeout, Duration saveTimeout) {
        ComwareSession s = null;
        try {
            ChannelShell channel = (ChannelShell) ssh.openChannel("shell");
            channel.setPtyType("vt100", 511, 24, 0, 0);
            s = new ComwareSession(endpoint, ssh, channel, timeout, saveTimeout);
            channel.connect((int) timeout.toMillis());
        } catch (JSchException | IOException e) {
            if (s != null) {
                s.deadlines.shutdownNow();
            }
            ssh.disconnect();
            throw new SwitchFailure(endpoint, "cannot open a CLI shell: " + e.getMessage(), 3, List.of(), false, e);
        }
        try {
            s.prompt = s.readToPrompt(null).prompt();
            s.run(CliCommand.screenLengthDisable());
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    public String endpoint() {
        return endpoint;
    }

    /** The last prompt seen, e.g. {@code <gate-sw>} or {@code [gate-sw-acl-mac-4000]}. */
    public String prompt() {
        return prompt;
    }

    /** The system name between the brackets of the base prompt. */
    public String sysname() {
        String inner = prompt.trim().substring(1, prompt.trim().length() - 1);
        return inner.startsWith("RBM_P") || inner.startsWith("RBM_S") ? inner.substring(5) : inner;
    }

    public int commandsSent() {
        return commandsSent;
    }

    public List<String> applied() {
        return List.copyOf(applied);
    }

    public boolean saved() {
        return saved;
    }

    /** Sends one command; a {@code %} line stops the batch with the command and the switch's words. */
    public Reply run(CliCommand command) {
        Reply r = attempt(command);
        if (r.rejected()) {
            throw new SwitchFailure(endpoint, "the switch rejected '" + command + "': " + String.join(" ", r.errors()), 1,
                    applied, saved, null);
        }
        return r;
    }

    /** Sends one command and returns its reply even when the switch refused it (for syntax fallbacks). */
    public Reply attempt(CliCommand command) {
        try {
            out.write((command.text() + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw dropped(command, e);
        }
        commandsSent++;
        LOG.debug("{} <- {}", endpoint, command);
        Reply r = readToPrompt(command);
        prompt = r.prompt();
        if (!r.rejected() && command.changesConfig()) {
            applied.add(command.text());
            if (command.equals(CliCommand.saveForce())) {
                saved = true;
            }
        }
        if (r.rejected()) {
            LOG.debug("{} rejected {}: {}", endpoint, command, SafeText.escapeForTerminal(String.join(" ", r.errors())));
        }
        return r;
    }

    /**
     * Reads one command's output up to the next prompt. JSch's {@code available()} reports 0 once
     * its pipe has filled (output over about 512 KB then stalled until the deadline), so this reads
     * blocking and a watchdog disconnects the channel when the deadline passes.
     */
    private Reply readToPrompt(CliCommand command) {
        Duration limit = CliCommand.saveForce().equals(command) ? saveTimeout : timeout;
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> watchdog = deadlines.schedule(() -> {
            late.set(true);
            channel.disconnect();
        }, limit.toMillis(), TimeUnit.MILLISECONDS);
        StringBuilder buf = new StringBuilder();
        byte[] chunk = new byte[8192];
        boolean bannerAnswered = false;
        try {
            while (true) {
                int read = in.read(chunk);
                if (late.get()) {
                    throw noAnswer(command, limit, null);
                }
                if (read < 0) {
                    throw dropped(command, null);
                }
                int scannedUpTo = Math.max(0, buf.length() - 64);
                buf.append(new String(chunk, 0, read, StandardCharsets.ISO_8859_1));
                if (buf.length() > MAX_OUTPUT_CHARS) {
                    throw new SwitchFailure(endpoint, "the answer " + (command == null ? "after login" : "to '" + command + "'")
                            + " is larger than " + MAX_OUTPUT_CHARS / (1024 * 1024) + " MiB without a prompt; stopped reading",
                            1, applied, saved, null);
                }
                String tail = lastLine(buf);
                if (PROMPT.matcher(tail).matches()) {
                    return reply(command, buf, tail.trim());
                }
                if (MORE.matcher(tail).find()) {
                    buf.setLength(buf.length() - tail.length());
                    out.write(' ');
                    out.flush();
                } else if (command == null && !bannerAnswered && BANNER.matcher(buf).region(scannedUpTo, buf.length()).find()) {
                    bannerAnswered = true;
                    out.write('\n');
                    out.flush();
                }
            }
        } catch (IOException e) {
            throw late.get() ? noAnswer(command, limit, e) : dropped(command, e);
        } finally {
            watchdog.cancel(false);
        }
    }

    private SwitchFailure noAnswer(CliCommand command, Duration limit, Exception e) {
        return new SwitchFailure(endpoint, "no answer " + (command == null ? "after login" : "to '" + command + "'")
                + " within " + limit.toSeconds() + " s (slow or stuck switch)", 3, applied, saved, e);
    }

    /** The last line when it is short enough to be a prompt or a More line, else "" (long output stays linear). */
    private static String lastLine(StringBuilder buf) {
        int from = Math.max(0, buf.length() - TAIL);
        for (int i = buf.length() - 1; i >= from; i--) {
            char c = buf.charAt(i);
            if (c == '\n' || c == '\r') {
                return buf.substring(i + 1);
            }
        }
        return from == 0 ? buf.toString() : "";
    }

    private SwitchFailure dropped(CliCommand command, Exception e) {
        return new SwitchFailure(endpoint, "connection dropped " + (command == null ? "during login" : "while sending '" + command + "'"),
                3, applied, saved, e);
    }

    private static Reply reply(CliCommand command, StringBuilder buf, String prompt) {
        String body = buf.substring(0, Math.max(0, Math.max(buf.lastIndexOf("\n"), buf.lastIndexOf("\r"))));
        List<String> lines = new ArrayList<>();
        for (String raw : body.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            lines.add(raw.replaceAll("\u001B\\[[0-9;]*[A-Za-z]", "").stripTrailing());
        }
        // the switch echoes what was typed on the first line
        if (command != null && !lines.isEmpty() && lines.get(0).trim().endsWith(command.text())) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(0).isBlank()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        List<String> errors = command == null ? List.of() : errorLines(lines);
        return new Reply(command, List.copyOf(lines), errors, prompt);
    }

    /** Lines in which the switch refuses a command; log messages that also start with % are not. */
    public static List<String> errorLines(List<String> lines) {
        List<String> errors = new ArrayList<>();
        for (String l : lines) {
            String t = l.trim();
            if (t.startsWith("%") && !LOG_MESSAGE.matcher(t).matches()) {
                errors.add(t);
            }
        }
        return errors;
    }

    /** Logs out politely ({@code return}, {@code quit}) when the channel is still up, then closes it. */
    @Override
    public void close() {
        try {
            if (channel.isConnected() && !channel.isClosed()) {
                if (prompt != null && prompt.startsWith("[")) {
                    out.write("return\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("quit\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException ignored) {
            // closing anyway
        } finally {
            deadlines.shutdownNow();
            channel.disconnect();
            ssh.disconnect();
        }
    }
}
