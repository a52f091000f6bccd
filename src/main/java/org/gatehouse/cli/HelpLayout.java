package org.gatehouse.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ScopeType;

/**
 * Every command and subcommand answers {@code --help}. Its usage shows the command's own options
 * first and the connection options (inherited by every command from {@link ConnectionOptions})
 * once, as a group of their own at the end, so that two options of a command are not lost among
 * twenty shared ones.
 */
final class HelpLayout {
    static final String CONNECTION_HEADING = "Connection options (before or after the command name):%n";
    private static final String SECTION_CONNECTION_HEADING = "connectionOptionListHeading";
    private static final String SECTION_CONNECTION = "connectionOptionList";

    private HelpLayout() {
    }

    static void apply(CommandLine root) {
        root.setHelpFactory(GroupedHelp::new);
        applyTo(root);
    }

    private static void applyTo(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        if (!spec.mixinStandardHelpOptions() && spec.findOption("--help") == null) {
            spec.mixinStandardHelpOptions(true);
        }
        if (spec.versionProvider() == null && spec.version().length == 0 && spec.root() != spec) {
            spec.versionProvider(spec.root().versionProvider()); // -V on a subcommand prints the version too
        }
        UsageMessageSpec usage = spec.usageMessage();
        if (usage.optionListHeading() == null || usage.optionListHeading().isEmpty()) {
            usage.optionListHeading("Options:%n");
        }
        usage.sectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                help -> help.optionListExcludingGroups(own(help.commandSpec().options())));
        usage.sectionMap().put(SECTION_CONNECTION_HEADING,
                help -> connection(help.commandSpec().options()).isEmpty() ? "" : help.createHeading(CONNECTION_HEADING));
        usage.sectionMap().put(SECTION_CONNECTION, help -> help.optionListExcludingGroups(connection(help.commandSpec().options())));
        List<String> keys = new ArrayList<>(usage.sectionKeys());
        if (!keys.contains(SECTION_CONNECTION)) {
            int at = keys.indexOf(UsageMessageSpec.SECTION_KEY_COMMAND_LIST);
            at = at < 0 ? keys.indexOf(UsageMessageSpec.SECTION_KEY_OPTION_LIST) : at;
            keys.add(at + 1, SECTION_CONNECTION_HEADING);
            keys.add(at + 2, SECTION_CONNECTION);
            usage.sectionKeys(keys);
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getParent() == cl) { // aliases list a command twice
                applyTo(sub);
            }
        }
    }

    /** The shared options: declared in ConnectionOptions with INHERIT scope, or their copies in subcommands. */
    static boolean isConnectionOption(OptionSpec o) {
        return o.inherited() || o.scopeType() == ScopeType.INHERIT;
    }

    private static List<OptionSpec> own(List<OptionSpec> all) {
        return all.stream().filter(o -> !isConnectionOption(o) && !o.hidden()).toList();
    }

    private static List<OptionSpec> connection(List<OptionSpec> all) {
        return all.stream().filter(o -> isConnectionOption(o) && !o.hidden()).toList();
    }

    /** A synopsis that spells out the command's own options and names the shared ones as one placeholder. */
    private static final class GroupedHelp extends Help {
        GroupedHelp(CommandSpec spec, ColorScheme colors) {
            super(spec, colors);
        }

        @Override
        protected Ansi.Text createDetailedSynopsisOptionsText(Collection<ArgSpec> done, List<OptionSpec> options,
                Comparator<OptionSpec> optionSort, boolean clusterBooleanOptions) {
            Ansi.Text text = super.createDetailedSynopsisOptionsText(done, own(options), optionSort, clusterBooleanOptions);
            return connection(options).isEmpty() ? text : text.concat(" [CONNECTION-OPTIONS]");
        }
    }
}
