package org.gatehouse.ui.connect;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.gatehouse.policy.ConnectionProbe;
import org.gatehouse.policy.ConsoleLayout;
import org.gatehouse.policy.SwitchProbe;
import org.gatehouse.ui.dialog.DialogService;
import org.gatehouse.ui.task.TaskExecutor;

/**
 * What the console frame needs besides a site: where profiles live, how to test and open a
 * connection, where the layout is kept, and which local Kea sockets to offer.
 *
 * @param knownHosts the known_hosts file SSH checks (and records an accepted key in)
 * @param dialogs    null: the console's own JavaFX dialogs
 */
public record ConsoleSetup(TaskExecutor tasks, Clock clock, ProfileBook profiles, SiteOpener opener, ConnectionProbe probe,
                           SwitchProbe switchProbe, ConsoleLayout layout, Supplier<List<Path>> localSockets, Path knownHosts, DialogService dialogs) {
}
