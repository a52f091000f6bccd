package org.gatehouse.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.gatehouse.model.Mac;
import org.gatehouse.policy.OuiRegistry;
import org.gatehouse.policy.SwitchService;
import org.gatehouse.ssh.SshConnector;
import org.gatehouse.ssh.SshTarget;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.Database;
import org.gatehouse.store.SwitchStore;
import org.gatehouse.sw.AclNumber;
import org.gatehouse.sw.ComwareSwitch;
import org.gatehouse.sw.SnmpCredentials;
import org.gatehouse.sw.SnmpEndpoint;
import org.gatehouse.sw.SnmpLocator;
import org.gatehouse.testing.ComwareCliDouble;
import org.gatehouse.testing.SnmpSimulator;
import org.gatehouse.ui.ConsoleContext;
import org.gatehouse.ui.task.FxTaskExecutor;
import org.gatehouse.ui.shell.MainWindow;

/** Opens the Switch screen on the Comware double and snmpsim for a screenshot (needs a display); closes after SECONDS. */
public final class SwitchboardScreenshot {
    private SwitchboardScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path dir = Files.createTempDirectory("gatehouse-switch-shot-");
        try (SnmpSimulator.Running sim = SnmpSimulator.startStandalone();
             ComwareCliDouble sw = new ComwareCliDouble(dir.resolve("hostkey"), new ComwareCliDouble.Options());
             Database db = Database.open(dir.resolve("shot.db"));
             FxTaskExecutor tasks = new FxTaskExecutor()) {
            sw.handMadeRule(4000, 5, "deny source-mac 0011-2233-4455 ffff-ffff-ffff");
            SshTarget target = new SshTarget("127.0.0.1", sw.port(), sw.user(), sw.password().toCharArray(), null, dir.resolve("known_hosts"),
                    true, Duration.ofSeconds(10));
            SnmpEndpoint ep = new SnmpEndpoint("127.0.0.1", sim.port());
            SnmpCredentials community = new SnmpCredentials.Community(SnmpSimulator.COMMUNITY.toCharArray());
            SwitchService service = new SwitchService(ComwareSwitch.overSsh(target, new SshConnector(), Duration.ofSeconds(10)),
                    () -> new SnmpLocator(ep, community, Duration.ofSeconds(2), 1), new SwitchStore(db, System.getProperty("user.name")),
                    new ActionLog(db, "shot", "shot"), new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV), Clock.systemUTC(), AclNumber.DEFAULT,
                    org.gatehouse.policy.BlockMode.ACL);
            service.blocking().block(Mac.parse("f0:18:98:00:00:0a"), "lost badge, reported by front desk");
            service.blocking().block(Mac.parse("b8:27:eb:00:00:c8"), "rogue Raspberry Pi on guest port");
            service.blocking().block(Mac.parse("3c:22:fb:12:34:56"), "flooding DHCP");
            service.blocking().installAcl("GE1/0/20, BAGG1");
            sw.handRemovedRule(4000, 50002); // someone removed one by hand: shown, not fixed
            Platform.startup(() -> {
                Stage stage = new Stage();
                MainWindow w = new MainWindow(ConsoleContext.builder(tasks, Clock.systemUTC()).switches(service).build());
                w.install(stage);
                stage.show();
                // the screenshot script clicks "Switch" and reads the switch; locate is started here
                w.switchboard().locate("00:00:5e:00:00:01");
            });
            Thread.sleep(seconds * 1000L);
            Platform.exit();
        }
        System.exit(0);
    }
}
