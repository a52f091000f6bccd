package org.gatehouse.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Looks for secrets in every file under the directories a test pointed Gatehouse at (config,
 * data, cache, state, logs): as plain UTF-8, as base64 (standard and URL alphabets, at each of the
 * three alignments a secret can have inside a longer encoded text) and as hex in either case.
 */
public final class SecretScan {
    private SecretScan() {
    }

    /** "file: how" for each place a secret was found; empty when none. */
    public static List<String> find(List<Path> roots, List<String> secrets) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    byte[] bytes = Files.readAllBytes(f);
                    String latin = new String(bytes, StandardCharsets.ISO_8859_1);
                    for (String secret : secrets) {
                        for (String form : forms(secret)) {
                            if (latin.contains(form)) {
                                found.add(f + ": " + secret.length() + "-char secret as '" + form + "'");
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Every form the secret could be written in, as ISO-8859-1 text of its bytes. */
    static List<String> forms(String secret) {
        byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
        List<String> forms = new ArrayList<>();
        forms.add(new String(utf8, StandardCharsets.ISO_8859_1));
        forms.add(HexFormat.of().formatHex(utf8));
        forms.add(HexFormat.of().withUpperCase().formatHex(utf8));
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + utf8.length];
            System.arraycopy(utf8, 0, shifted, shift, utf8.length);
            for (Base64.Encoder enc : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                String b64 = enc.withoutPadding().encodeToString(shifted);
                // the characters that depend only on the secret's own bytes
                int from = shift == 0 ? 0 : (shift == 1 ? 2 : 3);
                int to = b64.length() - 3;
                if (to - from >= 6) {
                    forms.add(b64.substring(from, to));
                }
            }
        }
        return forms;
    }
}
