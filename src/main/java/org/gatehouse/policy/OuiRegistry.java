package org.gatehouse.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.model.Mac;

/**
 * The vendor behind a MAC, from IEEE's OUI registry as Debian's ieee-data ships it
 * ({@code /usr/share/ieee-data/oui.csv}); read once, offline. Randomised (locally administered)
 * MACs have no vendor: phones use them per network.
 */
public final class OuiRegistry {
    public static final Path DEBIAN_OUI_CSV = Path.of("/usr/share/ieee-data/oui.csv");
    public static final String RANDOMIZED = "randomized";
    /** The Debian package that ships the registry (a dependency of the .deb; the launcher installs it). */
    public static final String DEBIAN_PACKAGE = "ieee-data";

    private final Path source;
    /** OUI (24 bits) to owner; an int key so that a lookup costs no string building. */
    private volatile Map<Integer, String> owners;

    public OuiRegistry(Path source) {
        this.source = source;
    }

    /** The owner of the MAC's OUI, {@value #RANDOMIZED} for locally administered MACs, or null. */
    public String vendor(Mac mac) {
        if (mac == null) {
            return null;
        }
        if (mac.isLocallyAdministered()) {
            return RANDOMIZED;
        }
        return owners().get((int) (mac.value() >>> 24));
    }

    public int size() {
        return owners().size();
    }

    private Map<Integer, String> owners() {
        Map<Integer, String> m = owners;
        if (m == null) {
            synchronized (this) {
                m = owners;
                if (m == null) {
                    m = load(source);
                    owners = m;
                }
            }
        }
        return m;
    }

    /** Reads "Registry,Assignment,Organization Name,Organization Address"; a missing file means no vendors. */
    static Map<Integer, String> load(Path csv) {
        Map<Integer, String> m = new HashMap<>(64_000);
        if (csv == null || !Files.isReadable(csv)) {
            return m;
        }
        // One String per owner: Apple alone holds hundreds of assignments.
        Map<String, String> names = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                int a = line.indexOf(',');
                int b = a < 0 ? -1 : line.indexOf(',', a + 1);
                if (b < 0) {
                    continue;
                }
                String assignment = line.substring(a + 1, b);
                String name = firstField(line.substring(b + 1));
                int key = assignment.length() == 6 ? hex24(assignment) : -1;
                if (key >= 0 && !name.isEmpty()) {
                    m.putIfAbsent(key, names.computeIfAbsent(name, n -> n));
                }
            }
        } catch (IOException e) {
            return m;
        }
        return m;
    }

    private static int hex24(String s) {
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0 || s.charAt(i) > 'f') {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /**
     * Why every vendor is blank, once, for the user (the file and the package that brings it), or
     * empty when the registry has names. Reads the registry on first use: call it off the UI thread.
     */
    public Optional<String> missingNotice() {
        if (size() > 0) {
            return Optional.empty();
        }
        return Optional.of("No vendor names: " + (source == null ? "the IEEE OUI registry" : source)
                + " is missing. Install the package " + DEBIAN_PACKAGE + " (sudo apt-get install " + DEBIAN_PACKAGE + ").");
    }

    /** Loads the registry now (it is otherwise read on the first lookup), e.g. while waiting for Kea. */
    public void preload() {
        owners();
    }

    /** The first CSV field, which may be quoted and contain commas. */
    private static String firstField(String rest) {
        if (rest.startsWith("\"")) {
            int end = rest.indexOf('"', 1);
            while (end > 0 && end + 1 < rest.length() && rest.charAt(end + 1) == '"') {
                end = rest.indexOf('"', end + 2);
            }
            return (end < 0 ? rest.substring(1) : rest.substring(1, end)).replace("\"\"", "\"").trim();
        }
        int comma = rest.indexOf(',');
        return (comma < 0 ? rest : rest.substring(0, comma)).trim();
    }
}
