package org.gatehouse.ui.settings;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.gatehouse.policy.KeaTarget;
import org.gatehouse.policy.SiteAging;
import org.gatehouse.ui.Theme;
import org.gatehouse.ui.connect.ConsoleSetup;
import org.gatehouse.ui.connect.SiteOpener;
import org.gatehouse.ui.connect.SiteProfile;

/**
 * The Settings screen: the saved profiles (add, edit, duplicate, delete, default, test, open),
 * the open site's aging age and cache retention, and the theme. Every field is checked as it is
 * typed ({@link SettingsRules}); the profile store, Kea and the cache are reached in background tasks.
 */
public final class SettingsViewModel {
    private final ConsoleSetup setup;
    private final SiteOpener.OpenSite site;
    private final String current;
    private final ObjectProperty<Theme> theme;
    private final Consumer<String> openProfile;

    private final ObservableList<SiteProfile> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<SiteProfile> selected = new SimpleObjectProperty<>();
    final StringProperty name = new SimpleStringProperty("");
    final StringProperty kea = new SimpleStringProperty("");
    final StringProperty keaUser = new SimpleStringProperty("");
    final StringProperty password = new SimpleStringProperty("");
    final StringProperty refresh = new SimpleStringProperty("2");
    final StringProperty warning = new SimpleStringProperty("80");
    final StringProperty critical = new SimpleStringProperty("95");
    final StringProperty cacheFile = new SimpleStringProperty("");
    final StringProperty aging = new SimpleStringProperty("");
    final StringProperty retention = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper profileProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper siteProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ObservableList<String> findings = FXCollections.observableArrayList();
    private String editing;

    private final SwitchSettingsViewModel switchSettings;
    private final org.gatehouse.ui.dialog.DialogService dialogs;

    public SettingsViewModel(ConsoleSetup setup, SiteOpener.OpenSite site, String current, ObjectProperty<Theme> theme,
                             Consumer<String> openProfile, org.gatehouse.ui.dialog.DialogService dialogs) {
        this.switchSettings = new SwitchSettingsViewModel(setup, dialogs, status::set);
        this.dialogs = dialogs;
        this.setup = setup;
        this.site = site;
        this.current = current;
        this.theme = theme;
        this.openProfile = openProfile;
        for (StringProperty p : List.of(name, kea, keaUser, refresh, warning, critical, cacheFile)) {
            p.addListener((o, a, b) -> checkProfile());
        }
        aging.addListener((o, a, b) -> checkSite());
        retention.addListener((o, a, b) -> checkSite());
        selected.addListener((o, a, b) -> edit(b));
        checkProfile();
    }

    /** Loads the profiles and the open site's aging age and retention. */
    public void start() {
        reload(current);
        site.aging().ifPresent(a -> setup.tasks().run(a::current, s -> aging.set(formatAge(s)), e -> aging.set("")));
        site.cache().ifPresent(c -> setup.tasks().run(c::retentionDays, d -> retention.set(Integer.toString(d)), e -> retention.set("")));
        checkSite();
    }

    private static String formatAge(SiteAging.Setting s) {
        return org.gatehouse.policy.AgingService.format(s.age());
    }

    private void reload(String select) {
        setup.tasks().run(() -> setup.profiles().list(), list -> {
            profiles.setAll(list);
            list.stream().filter(p -> p.name().equals(select)).findFirst().or(() -> list.stream().findFirst()).ifPresent(selected::set);
        }, e -> status.set("Cannot read the profiles: " + e.getMessage()));
    }

    public SwitchSettingsViewModel switchSettings() {
        return switchSettings;
    }

    /** Saves the switch part of the selected profile. */
    public void saveSwitch() {
        SiteProfile p = selected.get();
        if (p != null) {
            switchSettings.save(p.name(), () -> reload(p.name()));
        }
    }

    public ObservableList<SiteProfile> profiles() {
        return profiles;
    }

    public ObjectProperty<SiteProfile> selectedProperty() {
        return selected;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public ReadOnlyStringProperty profileProblemProperty() {
        return profileProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty siteProblemProperty() {
        return siteProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public ObservableList<String> findings() {
        return findings;
    }

    /** The profile the console is showing (null: a site given on the command line, or the demo). */
    public String currentProfile() {
        return current;
    }

    public boolean hasSiteSettings() {
        return site.aging().isPresent() || site.cache().isPresent();
    }

    private void edit(SiteProfile p) {
        if (p == null) {
            return;
        }
        editing = p.name();
        name.set(p.name());
        kea.set(p.kea() == null ? "" : p.kea());
        keaUser.set(p.keaUser() == null ? "" : p.keaUser());
        password.set("");
        refresh.set(Integer.toString(p.refreshSeconds()));
        warning.set(Integer.toString(p.poolWarning()));
        critical.set(Integer.toString(p.poolCritical()));
        cacheFile.set(p.cacheFile() == null ? "" : p.cacheFile().toString());
        findings.clear();
        switchSettings.show(p);
    }

    private void checkProfile() {
        profileProblem.set(first(SettingsRules.name(name.get()), SettingsRules.kea(kea.get()), SettingsRules.refresh(refresh.get()),
                SettingsRules.thresholds(warning.get(), critical.get()), SettingsRules.cacheFile(cacheFile.get())));
    }

    private void checkSite() {
        siteProblem.set(first(site.aging().isPresent() ? SettingsRules.aging(aging.get()) : "",
                site.cache().isPresent() ? SettingsRules.retention(retention.get()) : ""));
    }

    private static String first(String... problems) {
        for (String p : problems) {
            if (!p.isEmpty()) {
                return p;
            }
        }
        return "";
    }

    /** A new profile in the form (saved by {@link #saveProfile}). */
    public void add() {
        selected.set(null);
        editing = null;
        edit(SiteProfile.of(freeName("new site"), "unix:/run/kea/kea4-ctrl-socket"));
        editing = null;
    }

    public void duplicate() {
        SiteProfile p = selected.get();
        if (p != null) {
            edit(p.named(freeName(p.name() + " copy")));
            editing = null;
        }
    }

    private String freeName(String base) {
        String n = base;
        for (int i = 2; exists(n); i++) {
            n = base + " " + i;
        }
        return n;
    }

    private boolean exists(String n) {
        return profiles.stream().anyMatch(p -> p.name().equals(n));
    }

    /** Saves the form as a profile; a rename removes the old name after the new one is stored. */
    public void saveProfile() {
        if (!profileProblem.get().isEmpty() || busy.get()) {
            return;
        }
        SiteProfile before = selected.get();
        String newName = name.get().strip();
        SiteProfile p = new SiteProfile(newName, kea.get().strip(), keaUser.get().isBlank() ? null : keaUser.get().strip(),
                before == null ? null : before.caFile(), before == null ? null : before.sshKey(), before == null ? null : before.switchUri(),
                before == null ? null : before.snmp(), before == null ? null : before.acl(), Integer.parseInt(refresh.get().strip()),
                Integer.parseInt(warning.get().strip()), Integer.parseInt(critical.get().strip()),
                cacheFile.get().isBlank() ? null : Path.of(cacheFile.get().strip()), before != null && before.isDefault(), false);
        char[] secret = password.get().isEmpty() ? null : password.get().toCharArray();
        String renamedFrom = editing != null && !editing.equals(newName) ? editing : null;
        background("Saving " + newName, () -> {
            setup.profiles().save(p, secret);
            if (renamedFrom != null) {
                setup.profiles().remove(renamedFrom);
            }
            return "Saved " + newName;
        }, newName);
    }

    public void delete() {
        SiteProfile p = selected.get();
        if (p == null) {
            return;
        }
        background("Deleting " + p.name(), () -> {
            setup.profiles().remove(p.name());
            return "Deleted " + p.name() + " and its stored secrets";
        }, null);
    }

    public void makeDefault() {
        SiteProfile p = selected.get();
        if (p != null) {
            background("Making " + p.name() + " the default", () -> {
                setup.profiles().makeDefault(p.name());
                return p.name() + " opens at the next start";
            }, p.name());
        }
    }

    /** Tests the selected (saved) profile with its stored secret; a new SSH host key is shown and trusted only if the user says so. */
    public void test() {
        SiteProfile p = selected.get();
        if (p == null || busy.get()) {
            return;
        }
        test(p, null);
    }

    private void test(SiteProfile p, String trustHostKey) {
        busy.set(true);
        status.set("Testing " + p.name() + " …");
        setup.tasks().run(() -> {
            KeaTarget t = setup.profiles().target(p.name());
            try {
                return setup.probe().probeKea(trustHostKey == null ? t : t.trusting(trustHostKey));
            } finally {
                t.wipe();
            }
        }, r -> {
            busy.set(false);
            org.gatehouse.model.HostKeyFacts key = r.hostKey();
            if (key != null && !key.changed() && trustHostKey == null && dialogs.confirm("Unknown SSH host key",
                    "Trust the host key of " + key.host() + "?", "It presents " + key.presented()
                            + ".\nCompare it with the server's own fingerprint before you trust it; it is then recorded in "
                            + setup.knownHosts() + ".")) {
                test(p, key.presentedFingerprint());
                return;
            }
            findings.setAll(key != null && key.changed() ? List.of("The SSH host key of " + key.host() + " has CHANGED — refused.",
                    "Recorded: " + key.recorded(), "Presented: " + key.presented()) : r.describe());
            status.set(r.reached() ? p.name() + ": Kea " + r.version() + " answered" : p.name() + ": Kea was not reached");
        }, e -> {
            busy.set(false);
            status.set("Test failed: " + e.getMessage());
        });
    }

    /** Switches the console to the selected profile: every screen is built anew on it. */
    public void openSelected() {
        SiteProfile p = selected.get();
        if (p != null) {
            openProfile.accept(p.name());
        }
    }

    /** Writes the aging age (to Kea, under its write lock, audited) and the retention (cache, audited). */
    public void applySite() {
        if (!siteProblem.get().isEmpty() || busy.get()) {
            return;
        }
        String age = aging.get().strip();
        String days = retention.get().strip();
        background("Applying site settings", () -> {
            StringBuilder done = new StringBuilder();
            if (site.aging().isPresent() && !age.equals(formatAge(site.aging().get().current()))) {
                done.append("aging age ").append(site.aging().get().set(age).describe());
            }
            if (site.cache().isPresent() && site.cache().get().retentionDays() != Integer.parseInt(days)) {
                site.cache().get().setRetentionDays(Integer.parseInt(days), "Settings screen");
                done.append(done.length() == 0 ? "" : "; ").append("retention ").append(days).append(" days");
            }
            return done.length() == 0 ? "Nothing changed" : "Applied: " + done;
        }, current);
    }

    private void background(String doing, java.util.concurrent.Callable<String> work, String selectAfter) {
        busy.set(true);
        status.set(doing + " …");
        setup.tasks().run(work, done -> {
            busy.set(false);
            status.set(done);
            reload(selectAfter);
        }, e -> {
            busy.set(false);
            status.set(doing + " failed: " + e.getMessage());
        });
    }
}
