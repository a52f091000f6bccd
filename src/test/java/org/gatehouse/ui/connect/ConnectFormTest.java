package org.gatehouse.ui.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.gatehouse.policy.KeaTarget;
import org.gatehouse.ui.connect.ConnectViewModel.Method;
import org.junit.jupiter.api.Test;

/** The connect page's form: what it refuses as typed, and the profile and target it describes (never a password in a URI). */
class ConnectFormTest {

    static ConnectForm unix(String socket, String name) {
        return new ConnectForm(Method.UNIX, socket, "", "", "", "", "", "", "22", "", "", name);
    }

    static ConnectForm http(String url, String user, String password, String ca) {
        return new ConnectForm(Method.HTTP, "", url, user, password, ca, "", "", "22", "", "", "site");
    }

    static ConnectForm ssh(String user, String host, String port, String password, String key, String socket) {
        return new ConnectForm(Method.SSH, "", "", "", password, "", user, host, port, key, socket, "site");
    }

    @Test
    void refusesWhatCannotWork() {
        assertThat(ConnectForm.problem(unix("/run/kea/kea4-ctrl-socket", "Gästehaus 2"))).isEmpty();
        assertThat(ConnectForm.problem(unix("run/kea", "site"))).startsWith("Socket:");
        assertThat(ConnectForm.problem(unix("/s", "-x"))).startsWith("Profile name:");
        assertThat(ConnectForm.problem(unix("/s", ""))).startsWith("Profile name:");
        assertThat(ConnectForm.problem(http("https://kea.example:8000/", "", "", ""))).isEmpty();
        assertThat(ConnectForm.problem(http("ftp://kea", "", "", ""))).startsWith("Address:");
        assertThat(ConnectForm.problem(http("https://admin:pw@kea/", "", "", ""))).startsWith("Address:");
        assertThat(ConnectForm.problem(http("https://kea/api@x", "", "", ""))).startsWith("Address:");
        assertThat(ConnectForm.problem(http("http://[::1]:8000/", "", "", ""))).isEmpty();
        assertThat(ConnectForm.problem(http("https://kea/", "admin", "", ""))).startsWith("Password:");
        assertThat(ConnectForm.problem(http("https://kea/", "", "geheim", ""))).startsWith("User:");
        assertThat(ConnectForm.problem(http("http://kea/", "", "", "/ca.pem"))).startsWith("CA file:");
        assertThat(ConnectForm.problem(ssh("ops", "kea-host", "22", "pw", "", "/run/kea/kea4-ctrl-socket"))).isEmpty();
        assertThat(ConnectForm.problem(ssh("ops", "kea-host", "70000", "pw", "", "/run/kea/s"))).startsWith("SSH port:");
        assertThat(ConnectForm.problem(ssh("ops", "kea host", "22", "pw", "", "/run/kea/s"))).startsWith("SSH host:");
        assertThat(ConnectForm.problem(ssh("ops", "kea", "22", "pw", "", "/run/kea/s;reboot"))).startsWith("Socket on the server:");
        assertThat(ConnectForm.problem(ssh("ops", "kea", "22", "", "", "/run/kea/s"))).startsWith("SSH: give a password or a key file");
    }

    @Test
    void describesTheTargetWithThePasswordKeptApart() {
        ConnectForm f = ssh("ops", "kea-host", "2222", "pässwört", "", "/run/kea/kea4-ctrl-socket");
        KeaTarget t = f.target(Path.of("/tmp/kh"));
        assertThat(t.kea()).isEqualTo("ssh://ops@kea-host:2222/run/kea/kea4-ctrl-socket").doesNotContain("pässwört");
        assertThat(new String(t.password())).isEqualTo("pässwört");
        assertThat(t.toString()).doesNotContain("pässwört");
        assertThat(t.knownHosts()).isEqualTo(Path.of("/tmp/kh"));
        SiteProfile p = f.profile();
        assertThat(p.kea()).isEqualTo(t.kea());
        assertThat(p.hasKeaPassword()).isTrue();
        assertThat(p.toString()).doesNotContain("pässwört");
        assertThat(ssh("ops", "kea", "22", "", "/home/ops/.ssh/id_ed25519", "/s/k").kea()).isEqualTo("ssh://ops@kea/s/k");
        assertThat(unix(" /run/kea/kea4-ctrl-socket ", "x").target(null).password()).isNull();
        assertThat(http("https://kea/", "admin", "pw", "/etc/ca.pem").target(null).caFile()).isEqualTo(Path.of("/etc/ca.pem"));
    }
}
