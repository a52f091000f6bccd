package org.gatehouse.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gatehouse.model.GatehouseException;

/**
 * The Kea control sockets worth offering on the connect page: well-known paths that exist on
 * this machine (Debian's {@code /run/kea/kea4-ctrl-socket}) and the socket a local
 * {@code kea-dhcp4.conf} names ({@code control-socket}, or {@code control-sockets} from Kea 2.7).
 */
public final class LocalKeaSockets {
    public static final List<Path> WELL_KNOWN = List.of(Path.of("/run/kea/kea4-ctrl-socket"), Path.of("/tmp/kea4-ctrl-socket"));
    public static final List<Path> CONFIG_FILES = List.of(Path.of("/etc/kea/kea-dhcp4.conf"));

    private final List<Path> wellKnown;
    private final List<Path> configFiles;

    public LocalKeaSockets(List<Path> wellKnown, List<Path> configFiles) {
        this.wellKnown = List.copyOf(wellKnown);
        this.configFiles = List.copyOf(configFiles);
    }

    /** Existing sockets first, each once; a config's socket is offered even before Kea has created it. */
    public List<Path> candidates() {
        Set<Path> out = new LinkedHashSet<>();
        for (Path p : wellKnown) {
            if (Files.exists(p)) {
                out.add(p);
            }
        }
        for (Path conf : configFiles) {
            out.addAll(named(conf));
        }
        return new ArrayList<>(out);
    }

    /** The unix sockets {@code conf} names; none when it is absent or unreadable (a hint, not a check). */
    static List<Path> named(Path conf) {
        if (!Files.isReadable(conf)) {
            return List.of();
        }
        JsonNode dhcp4;
        try {
            dhcp4 = SiteCheck.readDhcp4(conf);
        } catch (GatehouseException | IllegalArgumentException e) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        addSocket(out, dhcp4.path("control-socket"));
        for (JsonNode s : dhcp4.path("control-sockets")) {
            addSocket(out, s);
        }
        return out;
    }

    private static void addSocket(List<Path> out, JsonNode socket) {
        if ("unix".equals(socket.path("socket-type").asText()) && socket.path("socket-name").isTextual()) {
            String name = socket.path("socket-name").asText();
            // Kea 2.7+ puts a bare name under its socket directory
            out.add(name.startsWith("/") ? Path.of(name) : Path.of("/run/kea").resolve(name));
        }
    }
}
