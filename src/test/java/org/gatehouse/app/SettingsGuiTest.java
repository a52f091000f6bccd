package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import org.gatehouse.kea.SiteSettings;
import org.gatehouse.policy.Profile;
import org.gatehouse.policy.Profiles;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.ui.connect.SiteProfile;
import org.gatehouse.ui.dialog.ScriptedDialogService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Settings screen on a real Kea and the real profile store: every field is checked as it is
 * typed (Save and Apply refuse what is wrong, saying why), the site's aging age and retention
 * are written where the console and sync read them, and switching profile rebuilds every screen
 * with the window title and status bar naming the new profile.
 */
@Tag("gui")
@Tag("kea")
class SettingsGuiTest {

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    static Path dir;

    static FrameDriver console;

    @BeforeAll
    static void setUp() throws Exception {
        console = new FrameDriver(dir);
        kea.addLease(30, "f0:18:98:00:00:1e", "tablet", 86400);
        kea.addLease(160, "da:a1:19:00:00:a0", "besucher", 60);
        Profiles store = console.store();
        store.save(Profile.named("alpha").withKea(Profile.KeaAccess.of("unix:" + kea.socket())), Map.of());
        store.save(Profile.named("beta").withKea(Profile.KeaAccess.of("unix:" + kea.socket()))
                .withTuning(new Profile.Tuning(7, 1, 2, null, null, null)), Map.of());
        store.setDefault("alpha");
    }

    @AfterAll
    static void tearDown() throws Exception {
        console.close();
    }

    @BeforeEach
    void open() throws Exception {
        console.open(console.realSetup(List.of(), new ScriptedDialogService()));
        await().atMost(Duration.ofSeconds(20)).until(() -> console.leaseRows() == 2);
        console.robot.clickOn("#nav-settings");
        await().atMost(Duration.ofSeconds(10)).until(() -> profileList().getItems().size() == 2);
    }

    @AfterEach
    void close() throws Exception {
        console.closeWindow();
    }

    @SuppressWarnings("unchecked")
    ListView<SiteProfile> profileList() {
        return console.robot.lookup("#settings-profiles").queryAs(ListView.class);
    }

    boolean disabled(String id) {
        return console.robot.lookup(id).queryAs(Button.class).isDisabled();
    }

    @Test
    void fieldsAreCheckedAsTheyAreTyped() {
        assertThat(profileList().getItems()).extracting(SiteProfile::name).containsExactly("alpha", "beta");
        assertThat(console.text("#settings-profile-problem")).isEmpty();
        assertThat(disabled("#settings-save")).isFalse();

        console.robot.doubleClickOn("#settings-refresh").eraseText(4).write("0");
        assertThat(console.text("#settings-profile-problem")).isEqualTo("Refresh: a whole number of seconds from 1 to 3600");
        assertThat(disabled("#settings-save")).isTrue();
        console.robot.eraseText(1).write("5");
        assertThat(console.text("#settings-profile-problem")).isEmpty();

        console.type("#settings-warning", "96");
        assertThat(console.text("#settings-profile-problem")).isEqualTo("Pool warning must be below pool critical");
        assertThat(disabled("#settings-save")).isTrue();
        console.type("#settings-warning", "70");
        console.type("#settings-kea", "unix:");
        assertThat(console.text("#settings-profile-problem")).startsWith("Kea: unix:/path");
        console.type("#settings-kea", "unix:" + kea.socket());
        console.type("#settings-cache", "relative.db");
        assertThat(console.text("#settings-profile-problem")).startsWith("Cache: an absolute file path");
        console.type("#settings-cache", "");
        console.type("#settings-name", "-bad");
        assertThat(console.text("#settings-profile-problem")).startsWith("Name:");
        console.type("#settings-name", "alpha");
        assertThat(console.text("#settings-profile-problem")).isEmpty();

        await().atMost(Duration.ofSeconds(10)).until(() -> !console.text("#settings-aging").isEmpty()); // read from Kea
        console.type("#settings-aging", "5 parsecs");
        assertThat(console.text("#settings-site-problem")).isEqualTo("Aging age: a duration like 45s, 30m, 2h or 1d");
        assertThat(disabled("#settings-apply-site")).isTrue();
        console.type("#settings-aging", "31d");
        assertThat(console.text("#settings-site-problem")).isEqualTo("Aging age: from 1s to 30d");
        console.type("#settings-aging", "2h");
        console.type("#settings-retention", "0");
        assertThat(console.text("#settings-site-problem")).startsWith("Retention:");
        console.type("#settings-retention", "120");
        assertThat(console.text("#settings-site-problem")).isEmpty();

        // what is saved is what was typed: the profile's refresh and thresholds, the site's aging age in Kea
        console.robot.clickOn("#settings-save");
        await().atMost(Duration.ofSeconds(10)).until(() -> console.text("#settings-status").equals("Saved alpha"));
        assertThat(console.store().require("alpha").tuning()).satisfies(t -> {
            assertThat(t.refreshSeconds()).isEqualTo(5);
            assertThat(t.poolWarningPercent()).isEqualTo(70);
        });
        console.robot.clickOn("#settings-apply-site");
        await().atMost(Duration.ofSeconds(20)).until(() -> console.text("#settings-status").startsWith("Applied"));
        assertThat(console.text("#settings-status")).contains("aging age 2h").contains("retention 120 days");
        assertThat(SiteSettings.agingAge(kea.client().config())).contains("2h");
    }

    @Test
    void openingAnotherProfileRebuildsEveryScreenAndNamesIt() throws Exception {
        assertThat(console.stage().getTitle()).contains("alpha");
        var before = console.frame.window();
        console.robot.clickOn(profileList().lookupAll(".list-cell").stream()
                .filter(n -> n instanceof javafx.scene.control.ListCell<?> c && c.getText() != null && c.getText().startsWith("beta"))
                .findFirst().orElseThrow());
        console.robot.clickOn("#settings-open");
        await().atMost(Duration.ofSeconds(20)).until(() -> console.stage().getTitle().contains("beta"));
        console.robot.clickOn("#nav-leases");
        await().atMost(Duration.ofSeconds(20)).until(() -> console.leaseRows() == 2);
        assertThat(console.frame.window()).isNotSameAs(before);
        assertThat(console.text("#status-connection")).contains("beta");
        assertThat(console.frame.profile()).isEqualTo("beta");
        // beta's own pool thresholds (warning 1 %, critical 2 %): one lease in the 64 newly-unregistered addresses (1.6 %) is a warning there, ok at 80/95
        console.robot.clickOn("#nav-pools");
        await().atMost(Duration.ofSeconds(20)).until(() -> console.frame.window().pools().alarmLevelProperty().get().equals("warning"));
    }
}
