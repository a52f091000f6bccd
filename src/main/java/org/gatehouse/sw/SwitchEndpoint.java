package org.gatehouse.sw;

import java.net.URI;
import java.net.URISyntaxException;
import org.gatehouse.model.BadInput;

/** {@code ssh://user@host[:port]}: where the Comware CLI is. */
public record SwitchEndpoint(String user, String host, int port) {

    public static SwitchEndpoint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new BadInput("--switch", "no switch configured (use --switch ssh://user@host[:port] or GATEHOUSE_SWITCH)");
        }
        try {
            URI uri = new URI(text.trim());
            if (!"ssh".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getUserInfo() == null
                    || uri.getUserInfo().isEmpty() || uri.getUserInfo().contains(":")
                    || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))) {
                if (uri.getUserInfo() != null && uri.getUserInfo().contains(":")) {
                    // never echo what looks like a password
                    throw new BadInput("--switch", "a password does not belong in the URI; use --switch-password-file");
                }
                throw new BadInput("--switch", "'" + Sanitize.printable(text) + "' is not ssh://user@host[:port]");
            }
            return new SwitchEndpoint(uri.getUserInfo(), uri.getHost(), uri.getPort() < 0 ? 22 : uri.getPort());
        } catch (URISyntaxException e) {
            throw new BadInput("--switch", "'" + Sanitize.printable(text) + "' is not ssh://user@host[:port]");
        }
    }

    @Override
    public String toString() {
        return "ssh://" + user + "@" + host + (port == 22 ? "" : ":" + port);
    }
}
