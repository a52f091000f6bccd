package org.gatehouse.kea;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.gatehouse.model.BadInput;

/**
 * A parsed {@code --kea} value: {@code unix:/path}, {@code http(s)://host:port/} or
 * {@code ssh://user@host[:port]/path/to/socket}.
 */
public record KeaEndpoint(Kind kind, URI uri, Path socket) {

    public enum Kind { UNIX, HTTP, SSH }

    public static KeaEndpoint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new BadInput("--kea", "no Kea given (use --kea unix:/path, http://host:port/ or ssh://user@host/path)");
        }
        String s = text.trim();
        refusePasswordIn(s);
        if (s.startsWith("unix:")) {
            String path = s.substring("unix:".length()).replaceFirst("^//", "");
            if (path.isEmpty()) {
                throw new BadInput("--kea", "unix: needs a socket path");
            }
            return new KeaEndpoint(Kind.UNIX, null, Path.of(path));
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw new BadInput("--kea", "'" + s + "' is not a URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        switch (scheme) {
            case "http", "https" -> {
                if (uri.getHost() == null) {
                    throw new BadInput("--kea", "'" + s + "' has no host");
                }
                if (uri.getRawUserInfo() != null) {
                    throw new BadInput("--kea", "a user does not belong in an http(s) URI; use --kea-user and --kea-password-file");
                }
                return new KeaEndpoint(Kind.HTTP, uri, null);
            }
            case "ssh" -> {
                if (uri.getHost() == null || uri.getUserInfo() == null || uri.getPath() == null || uri.getPath().length() < 2) {
                    throw new BadInput("--kea", "use ssh://user@host[:port]/path/to/kea4-ctrl-socket");
                }
                return new KeaEndpoint(Kind.SSH, uri, Path.of(uri.getPath()));
            }
            default -> throw new BadInput("--kea", "'" + s + "': unknown scheme (use unix:, http:, https: or ssh:)");
        }
    }

    /**
     * {@code scheme://user:password@host}: refused before anything could print, log or store it,
     * and without echoing the text. A ':' before the first '@' after "://" is taken as a password,
     * whatever characters (even '/' or '@') the password contains.
     */
    private static void refusePasswordIn(String s) {
        int start = s.indexOf("://");
        if (start < 0) {
            return;
        }
        String rest = s.substring(start + 3);
        int at = rest.indexOf('@');
        if (at >= 0 && rest.substring(0, at).contains(":")) {
            throw new BadInput("--kea", "a password does not belong in the URI (it would show in the process list and the"
                    + " audit log); use --kea-password-file FILE, and --kea-user for HTTP");
        }
    }

    @Override
    public String toString() {
        return kind == Kind.UNIX ? "unix:" + socket : uri.toString();
    }
}
