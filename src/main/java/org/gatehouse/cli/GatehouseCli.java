package org.gatehouse.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.SafeText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code gatehouse} command line (reference: docs/cli.md, generated from this model). Errors become one line
 * {@code gatehouse: error: <what>: <why>} and the contract's exit codes.
 */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Approve and deny guest devices on ISC Kea DHCPv4; watch leases and pools.")
public final class GatehouseCli implements Runnable {

    @Mixin
    ConnectionOptions connection;

    private final Backend backend;

    GatehouseCli(Backend backend) {
        this.backend = backend;
    }

    ConnectionOptions connection() {
        return connection;
    }

    /** With no command the console opens, as the contract says. */
    @Override
    public void run() {
        backend.gui(connection);
    }

    /** Told which command is about to run (e.g. {@code "switch block"}, {@code "gui"}) and whether --debug was given. */
    @FunctionalInterface
    public interface Startup {
        void starting(String command, boolean debug);
    }

    /** Builds the command line, every command of {@link CommandTree#TOP_LEVEL}, wired to {@code backend}. */
    public static CommandLine create(Backend backend, ConnectionOptions.Environment env, PrintWriter out, PrintWriter err) {
        return create(backend, env, out, err, (command, debug) -> { });
    }

    /** As above; {@code startup} runs once the arguments are parsed, before the command (not for help or version). */
    public static CommandLine create(Backend backend, ConnectionOptions.Environment env, PrintWriter out, PrintWriter err,
            Startup startup) {
        return create(backend, env, out, err, startup, CommandTree::addAll);
    }

    /**
     * The command line for running {@code args} once: only the command they name is built (see
     * {@link CommandTree}); {@code execute(args)} answers as {@link #create} would.
     */
    public static CommandLine forArguments(String[] args, Backend backend, ConnectionOptions.Environment env, PrintWriter out,
            PrintWriter err, Startup startup) {
        CommandLine cl = create(backend, env, out, err, startup, root -> CommandTree.addFor(root, args));
        // A usage error prints the usage of the command at fault (the top one lists every command) and suggestions from
        // all of them: when parsing failed, nothing has run yet, and the whole tree answers instead.
        boolean[] parsed = {false};
        CommandLine.IExecutionStrategy run = cl.getExecutionStrategy();
        cl.setExecutionStrategy(parseResult -> {
            parsed[0] = true;
            return run.execute(parseResult);
        });
        CommandLine.IParameterExceptionHandler usual = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((ex, again) -> parsed[0] ? usual.handleParseException(ex, again)
                : create(backend, env, out, err, startup).execute(again));
        return cl;
    }

    private static CommandLine create(Backend backend, ConnectionOptions.Environment env, PrintWriter out, PrintWriter err,
            Startup startup, java.util.function.Consumer<CommandLine> commands) {
        CommandLine cl = new CommandLine(GatehouseCli.class, new Factory(backend, env));
        commands.accept(cl); // before the settings below: picocli passes them on to the subcommands it has
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setAllowSubcommandsAsOptionParameters(true); // --profile site: a profile may be named like a command
        HelpLayout.apply(cl);
        cl.setExecutionStrategy(parseResult -> {
            warnAboutSecretsInArgv(parseResult, err);
            if (!helpRequested(parseResult)) {
                startup.starting(commandName(parseResult), debugRequested(parseResult));
            }
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } finally {
                if (parseResult.commandSpec().userObject() instanceof GatehouseCli root && root.connection != null) {
                    root.connection.closeProfiles();
                }
            }
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean debug = debugRequested(parseResult);
            // Messages quote Kea's text and client-chosen hostnames: Printer.errorLine escapes them.
            if (ex instanceof GatehouseException ge) {
                err.println(Printer.errorLine(ge.what(), ge.getMessage()));
            } else {
                err.println(Printer.errorLine("internal", ex.toString()));
            }
            if (debug) {
                StringWriter trace = new StringWriter();
                ex.printStackTrace(new PrintWriter(trace));
                err.print(SafeText.escapeKeepingLines(trace.toString()));
            }
            err.flush();
            return ex instanceof GatehouseException ge ? ge.exitCode() : 1;
        });
        return cl;
    }

    /** Every user on the machine can read argv (ps, /proc); the secret is used all the same, with a warning. */
    private static void warnAboutSecretsInArgv(CommandLine.ParseResult pr, PrintWriter err) {
        for (CommandLine.ParseResult p = pr; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--community")) {
                err.println("gatehouse: warning: --community shows the SNMP community to every user of this machine (ps);"
                        + " use --community-file FILE (mode 600) or the GATEHOUSE_COMMUNITY environment variable");
                err.flush();
                return;
            }
        }
    }

    private static boolean helpRequested(CommandLine.ParseResult pr) {
        for (CommandLine.ParseResult p = pr; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested() || p.commandSpec().userObject() instanceof CommandLine.HelpCommand) {
                return true;
            }
        }
        return false;
    }

    /** The subcommand path without options or arguments (argv may hold a secret); "gui" for none. */
    private static String commandName(CommandLine.ParseResult pr) {
        StringBuilder name = new StringBuilder();
        for (CommandLine.ParseResult p = pr.subcommand(); p != null; p = p.subcommand()) {
            name.append(name.length() == 0 ? "" : " ").append(p.commandSpec().name());
        }
        return name.length() == 0 ? "gui" : name.toString();
    }

    private static boolean debugRequested(CommandLine.ParseResult pr) {
        for (CommandLine.ParseResult p = pr; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** Constructor injection for commands: a constructor taking the Backend (or the environment) is used. */
    private record Factory(Backend backend, ConnectionOptions.Environment env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == ConnectionOptions.class) {
                return cls.cast(new ConnectionOptions(env, backend == null ? null : () -> backend.profiles(env)));
            }
            for (Constructor<?> c : cls.getDeclaredConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Backend.class) {
                    c.setAccessible(true);
                    return cls.cast(c.newInstance(backend));
                }
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
