package org.gatehouse.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * Writes the man page (gatehouse.1, troff) and the bash completion script from the picocli model, so
 * both always match the commands of this build. Run by packaging/deb.sh:
 * {@code java -cp ... org.gatehouse.cli.CliDocs OUT_DIR}.
 */
public final class CliDocs {
    private CliDocs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CliDocs OUT_DIR");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        CommandLine cl = commandLine();
        Files.writeString(out.resolve("gatehouse"), AutoComplete.bash("gatehouse", cl), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("gatehouse.1"), manPage(cl), StandardCharsets.UTF_8);
    }

    /** The command line with no backend: only its model is read. */
    static CommandLine commandLine() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        return GatehouseCli.create(null, name -> null, sink, sink);
    }

    /** NAME, SYNOPSIS, DESCRIPTION and OPTIONS of the top command; then every command's own help, as `--help` shows it. */
    static String manPage(CommandLine cl) {
        String version = new VersionProvider().getVersion()[0];
        StringBuilder m = new StringBuilder();
        m.append(".\\\" Generated from the picocli model by org.gatehouse.cli.CliDocs; do not edit.\n");
        m.append(".TH GATEHOUSE 1 \"").append(LocalDate.now(ZoneOffset.UTC)).append("\" \"").append(escape(version))
                .append("\" \"User Commands\"\n");
        m.append(".SH NAME\ngatehouse \\- ").append(escape(String.join(" ", cl.getCommandSpec().usageMessage().description())))
                .append('\n');
        m.append(".SH SYNOPSIS\n.B gatehouse\n[\\fIOPTIONS\\fR] [\\fICOMMAND\\fR [\\fIARGS\\fR...]]\n");
        m.append(".SH DESCRIPTION\nWith no command, the console (the desktop window) opens. Every screen of the console is also"
                + " a command. Errors are one line on standard error: \\fBgatehouse: error:\\fR \\fIwhat\\fR: \\fIwhy\\fR.\n");
        m.append(".PP\n").append(".nf\n").append(preformatted(cl.getUsageMessage(Ansi.OFF))).append(".fi\n");
        m.append(".SH COMMANDS\n");
        appendCommands(m, cl);
        m.append(".SH EXIT STATUS\n.TP\n0\ndone\n.TP\n1\nKea refused (also its TLS certificate) or answered garbage\n"
                + ".TP\n2\nbad input or usage, nothing sent\n.TP\n3\nunreachable or timed out\n.TP\n4\nconflict\n");
        m.append(".SH FILES\n.TP\n$XDG_CONFIG_HOME/gatehouse/profiles.toml\nthe connection profiles (default ~/.config/gatehouse/)\n"
                + ".TP\n/etc/gatehouse/profiles.toml\nthe site profile of the aging service (gatehouse-sync.service)\n"
                + ".TP\n/var/lib/gatehouse\nthe aging service's cache\n");
        m.append(".SH SEE ALSO\n.BR kea-dhcp4 (8),\n.BR systemctl (1)\n.PP\n/usr/share/doc/gatehouse/README.md\n");
        return m.toString();
    }

    private static void appendCommands(StringBuilder m, CommandLine parent) {
        for (CommandLine sub : parent.getSubcommands().values()) {
            if (sub.getCommandSpec().usageMessage().hidden() || sub.getParent() != parent) {
                continue; // aliases appear once
            }
            m.append(".SS \"").append(escape(sub.getCommandSpec().qualifiedName())).append("\"\n");
            m.append(".nf\n").append(preformatted(sub.getUsageMessage(Ansi.OFF))).append(".fi\n");
            appendCommands(m, sub);
        }
    }

    /** Help text inside .nf: backslashes escaped, no line read as a request. */
    private static String preformatted(String text) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                b.append(".sp\n");
                continue;
            }
            b.append("\\&").append(escape(line)).append('\n');
        }
        return b.toString();
    }

    /** Backslashes and hyphens for troff; non-ASCII as \\[uXXXX], so no man reader depends on the locale. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c == '\\') {
                b.append("\\e");
            } else if (c == '-') {
                b.append("\\-");
            } else if (c > 127) {
                b.append(String.format("\\[u%04X]", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        String t = b.toString();
        return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
    }
}
