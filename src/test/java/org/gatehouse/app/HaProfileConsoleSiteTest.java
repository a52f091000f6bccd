package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gatehouse.cli.CliRun;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.model.Mac;
import org.gatehouse.policy.DecisionFlow;
import org.gatehouse.policy.DecisionReport;
import org.gatehouse.policy.OuiRegistry;
import org.gatehouse.policy.Profiles;
import org.gatehouse.testing.KeaHaPair;
import org.gatehouse.ui.connect.SiteOpener;
import org.gatehouse.ui.task.ThreadedTaskExecutor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A profile with a peer opened in the console (as the connect page and {@code gatehouse --profile
 * X gui} open it): the site is both servers, so an approve made through the console's decision
 * flow is in both peers' running configuration, and the connection line no longer says the
 * console acts on the first one only.
 */
@Tag("kea")
class HaProfileConsoleSiteTest {
    @TempDir
    Path dir;

    @Test
    void aProfileWithAPeerOpensBothServersAndTheConsolesApproveReachesBoth() throws Exception {
        try (KeaHaPair pair = KeaHaPair.start()) {
            Map<String, String> env = Map.of("HOME", Files.createDirectories(dir.resolve("home")).toString(),
                    "XDG_CONFIG_HOME", dir.resolve("config").toString(), "XDG_DATA_HOME", dir.resolve("data").toString(),
                    "XDG_STATE_HOME", dir.resolve("state").toString(), "GATEHOUSE_DB", dir.resolve("c.db").toString(),
                    "GATEHOUSE_KEYRING", "off");
            CliRun add = CliRun.run(env, "profile", "add", "Gästehaus", "--kea", pair.primary().endpoint(), "--kea", pair.standby().endpoint());
            assertThat(add.exit()).as(add.err()).isZero();

            AppBackend backend = new AppBackend(new KeaJson(), new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV), Clock.systemUTC(),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            ConnectionOptions base = new ConnectionOptions(env::get);
            new CommandLine(base).parseArgs("--db", dir.resolve("c.db").toString());
            Profiles store = AppProfiles.open(env::get, new ProfileProbes(backend), creating -> "Pässphrase".toCharArray());
            ProfileBookAdapter book = new ProfileBookAdapter(store, dir.resolve("known_hosts"), Duration.ofSeconds(10));
            SiteOpener.OpenSite site = backend.sites(store, book, base).open("Gästehaus", new ThreadedTaskExecutor(Runnable::run, Runnable::run));
            try {
                assertThat(site.title()).endsWith("and 1 more server(s)").doesNotContain("this one only");
                // the screens read both servers (merged leases), not the first one only
                assertThat(site.context().kea().orElseThrow().several()).isPresent();
                DecisionFlow flow = site.context().deciding().orElseThrow().decisions().flow();
                DecisionReport r = flow.approve(Mac.parse("02:00:00:16:0d:01"), "Zimmer 3 ✓", "", 40L);
                assertThat(r.firstError()).isNull();
                for (LocalKea k : List.of(pair.primary(), pair.standby())) {
                    assertThat(KeaHaPair.reservation(pair.running(k), "02:00:00:16:0d:01").path("client-classes").toString())
                            .as("on " + k.endpoint()).contains("registered");
                }
            } finally {
                site.close().run();
            }
        }
    }
}
