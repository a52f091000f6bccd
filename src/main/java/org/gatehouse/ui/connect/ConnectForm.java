package org.gatehouse.ui.connect;

import java.nio.file.Path;
import java.time.Duration;
import org.gatehouse.policy.KeaTarget;
import org.gatehouse.ui.connect.ConnectViewModel.Method;

/** The connect page's fields as typed: what is wrong with them, and the profile and target they describe. */
record ConnectForm(Method method, String socket, String url, String httpUser, String password, String caFile, String sshUser,
                   String sshHost, String sshPort, String sshKey, String sshSocket, String name) {

    private static final String NAME = "[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,63}";

    /** The first problem, or "" when the form can be tested and saved. */
    static String problem(ConnectForm f) {
        if (f.name == null || !f.name.strip().matches(NAME)) {
            return "Profile name: letters, digits, space, '.', '_' or '-' (up to 64)";
        }
        switch (f.method) {
            case UNIX -> {
                if (blank(f.socket) || !f.socket.strip().startsWith("/")) {
                    return "Socket: an absolute path such as /run/kea/kea4-ctrl-socket";
                }
            }
            case HTTP -> {
                String u = f.url == null ? "" : f.url.strip();
                if (!u.matches("https?://(\\[[0-9A-Fa-f:.]+\\]|[^/@\\s:\\[\\]]+)(:\\d{1,5})?(/[^@\\s]*)?")) {
                    return "Address: http(s)://host:port/ (the Control Agent, or Kea's own HTTP socket)";
                }
                if (!blank(f.httpUser) && blank(f.password)) {
                    return "Password: needed with a user";
                }
                if (blank(f.httpUser) && !blank(f.password)) {
                    return "User: needed with a password";
                }
                if (!blank(f.caFile) && !u.startsWith("https://")) {
                    return "CA file: applies to https:// only";
                }
            }
            case SSH -> {
                if (blank(f.sshUser) || !f.sshUser.strip().matches("[A-Za-z0-9._][A-Za-z0-9._-]{0,31}")) {
                    return "SSH user: a login name";
                }
                if (blank(f.sshHost) || !f.sshHost.strip().matches("[A-Za-z0-9.:\\[\\]-]+")) {
                    return "SSH host: a host name or address";
                }
                if (!f.sshPort.strip().matches("\\d{1,5}") || Integer.parseInt(f.sshPort.strip()) < 1 || Integer.parseInt(f.sshPort.strip()) > 65535) {
                    return "SSH port: 1 to 65535";
                }
                if (blank(f.sshSocket) || !f.sshSocket.strip().matches("/[A-Za-z0-9._/@+-]+")) {
                    return "Socket on the server: a plain absolute path";
                }
                if (blank(f.password) && blank(f.sshKey)) {
                    return "SSH: give a password or a key file";
                }
            }
        }
        return "";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    String kea() {
        return switch (method) {
            case UNIX -> "unix:" + socket.strip();
            case HTTP -> url.strip();
            case SSH -> "ssh://" + sshUser.strip() + "@" + sshHost.strip() + ("22".equals(sshPort.strip()) ? "" : ":" + sshPort.strip())
                    + sshSocket.strip();
        };
    }

    /** The password, or null when none was typed (the unix socket never takes one). */
    char[] secret() {
        return method == Method.UNIX || blank(password) ? null : password.toCharArray();
    }

    KeaTarget target(Path knownHosts) {
        return new KeaTarget(kea(), method == Method.HTTP ? httpUser : null, secret(),
                method == Method.HTTP && !blank(caFile) ? Path.of(caFile.strip()) : null,
                method == Method.SSH && !blank(sshKey) ? Path.of(sshKey.strip()) : null, knownHosts, null, Duration.ofSeconds(10));
    }

    SiteProfile profile() {
        SiteProfile p = SiteProfile.of(name.strip(), kea());
        return new SiteProfile(p.name(), p.kea(), method == Method.HTTP && !blank(httpUser) ? httpUser.strip() : null,
                method == Method.HTTP && !blank(caFile) ? Path.of(caFile.strip()) : null,
                method == Method.SSH && !blank(sshKey) ? Path.of(sshKey.strip()) : null, null, null, null, p.refreshSeconds(),
                p.poolWarning(), p.poolCritical(), null, true, secret() != null);
    }
}
