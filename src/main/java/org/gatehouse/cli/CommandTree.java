package org.gatehouse.cli;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The top-level commands, and which of them one argument list needs. Picocli builds a command's
 * model by reflection, with a copy of the twenty-odd connection options in each of the sixty-odd
 * commands: for the whole tree that is most of the CPU time of {@code gatehouse --version}. A run
 * builds only the command it names; help on the top level, the {@code help} command and
 * anything this scan does not understand get the whole tree, so that picocli answers exactly as it
 * always did (its "did you mean" suggestions need every command).
 */
final class CommandTree {
    /** In the order {@code gatehouse --help} lists them. */
    static final List<Class<?>> TOP_LEVEL = List.of(StatusCommand.class, LeasesCommand.class, SwitchCommand.class, GuiCommand.class,
            DemoCommand.class, QueueCommand.class, DecisionCommands.Approve.class, DecisionCommands.Deny.class,
            DecisionCommands.Unregister.class, ReservationsCommand.class, PoolsCommand.class, AnomaliesCommand.class,
            ReportCommand.class, SyncCommand.class, SiteCommand.class, AuditCommand.class, DbCommand.class, SnapshotCommand.class,
            OfflineCommand.class, ProfileCommand.class, CommandLine.HelpCommand.class);

    /** What an argument list needs: every command, none (the console, --version), or the one it names. */
    record Needed(boolean all, Optional<Class<?>> command) {
        static final Needed ALL = new Needed(true, Optional.empty());
        static final Needed NONE = new Needed(false, Optional.empty());
    }

    private CommandTree() {
    }

    /** Adds what {@code args} need to {@code root} (built without subcommands). */
    static void addFor(CommandLine root, String[] args) {
        Needed needed = needed(root.getCommandSpec(), args);
        if (needed.all()) {
            addAll(root);
        } else {
            needed.command().ifPresent(root::addSubcommand);
        }
    }

    static void addAll(CommandLine root) {
        TOP_LEVEL.forEach(root::addSubcommand);
    }

    /**
     * Walks the top command's options (skipping their values) to the first word: a command's name
     * names that command. Help, the {@code help} command, an unknown option or word, and options of
     * variable arity need the whole tree.
     */
    static Needed needed(CommandSpec root, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("-") && arg.length() > 1 && !arg.equals("--")) {
                int eq = arg.indexOf('=');
                OptionSpec option = root.findOption(eq > 0 ? arg.substring(0, eq) : arg);
                if (option == null || option.usageHelp() || option.arity().isVariable() || option.arity().min() != option.arity().max()) {
                    return Needed.ALL;
                }
                if (eq < 0) {
                    i += option.arity().min();
                }
                continue;
            }
            return commandNamed(arg).map(c -> new Needed(false, Optional.<Class<?>>of(c))).orElse(Needed.ALL);
        }
        return Needed.NONE;
    }

    private static Optional<Class<?>> commandNamed(String word) {
        for (Class<?> c : TOP_LEVEL) {
            Command command = c.getAnnotation(Command.class);
            if (c != CommandLine.HelpCommand.class && (command.name().equals(word) || List.of(command.aliases()).contains(word))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
