package org.gatehouse.store;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.gatehouse.model.AtomicFile;
import org.gatehouse.model.SafeText;

/**
 * The one human-readable file that holds the connection profiles ({@code profiles.toml} in the
 * user's XDG config directory). Reads give the TOML document as a tree; a file that does not
 * parse is reported with its path and line and is never overwritten. Updates are
 * read-modify-write under an exclusive lock, written atomically (temp, fsync, rename; 0600).
 * Keys Gatehouse does not know are kept (the tree is edited, not rebuilt). Only the profiles that
 * changed are rewritten ({@link TomlSplice}): every other line, comments included, is copied as it
 * was, and the result must read back as the intended document, else the whole file is rewritten.
 * When a comment of the user's is dropped (it stood inside a changed or removed profile, or the
 * whole file was rewritten) the file as it was is saved beside it as {@code profiles.toml.bak}
 * (0600), so a hand-written note is never lost.
 */
public final class ProfileFile {
    static final String HEADER = """
            # Gatehouse connection profiles (README, "Profiles and credentials").
            # Edit by hand or with `gatehouse profile ...`. No secret belongs here: secrets are in the
            # desktop keyring or Gatehouse's encrypted store, or named as file:/path or systemd:NAME.
            # Comments stay where they are, except inside a profile Gatehouse rewrites; then the
            # version before is kept as profiles.toml.bak.

            """;

    /** The header's lines in files written before comments were kept: not the user's own. */
    private static final String OLD_HEADER = """
            # Comments are not kept when Gatehouse rewrites this file; the version before each
            # rewrite is kept as profiles.toml.bak.
            """;

    private final Path file;
    private final TomlMapper toml = new TomlMapper();

    public ProfileFile(Path file) {
        this.file = file;
    }

    /** Where the profiles live: {@code $XDG_CONFIG_HOME/gatehouse/profiles.toml}, by default under ~/.config. */
    public static Path defaultLocation(String xdgConfigHome, String home) {
        Path base = xdgConfigHome != null && !xdgConfigHome.isBlank() && Path.of(xdgConfigHome).isAbsolute()
                ? Path.of(xdgConfigHome) : Path.of(home, ".config");
        return base.resolve("gatehouse").resolve("profiles.toml");
    }

    public Path path() {
        return file;
    }

    /** The document; an empty one when there is no file yet. */
    public ObjectNode read() {
        String text = text();
        return text == null ? toml.createObjectNode() : parse(text);
    }

    /**
     * Applies {@code change} to the current document and writes the result, holding the lock so
     * that a second process's update is neither lost nor torn. A broken file is refused as it is.
     */
    public void update(UnaryOperator<ObjectNode> change) {
        AtomicFile.locked(file, () -> {
            String before = text();
            ObjectNode doc = before == null ? toml.createObjectNode() : parse(before);
            ObjectNode pristine = doc.deepCopy();
            ObjectNode after = change.apply(doc);
            String text = HEADER + TomlWriter.write(after);
            boolean keepBackup = before != null && holdsOwnComment(before);
            TomlSplice.Result spliced = before == null ? null : TomlSplice.splice(before, pristine, after, ProfileFile::ownComment);
            if (spliced != null && sameDocument(spliced.text(), text)) {
                text = spliced.text();
                keepBackup = spliced.lostComments();
            }
            if (keepBackup) {
                AtomicFile.write(file.resolveSibling(file.getFileName() + ".bak"), before.getBytes(StandardCharsets.UTF_8));
            }
            AtomicFile.write(file, text.getBytes(StandardCharsets.UTF_8));
            return null;
        });
    }

    /** A comment line that is not one of the header's. */
    private static boolean holdsOwnComment(String text) {
        return text.lines().map(String::strip).anyMatch(l -> l.startsWith("#") && ownComment(l));
    }

    private static boolean ownComment(String strippedLine) {
        return !HEADER.contains(strippedLine) && !OLD_HEADER.contains(strippedLine);
    }

    /** Whether two texts read as the same TOML document (the splice is used only then). */
    private boolean sameDocument(String a, String b) {
        try {
            return toml.readTree(a).equals(toml.readTree(b));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private String text() {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            return null;
        } catch (CharacterCodingException e) {
            throw new ProfileFileBroken(file + " is not UTF-8 text; fix or remove it (nothing was changed)");
        } catch (IOException e) {
            throw new ProfileFileBroken("cannot read " + file + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    private ObjectNode parse(String text) {
        try {
            JsonNode node = toml.readTree(text);
            return node instanceof ObjectNode o ? o : toml.createObjectNode();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String line = at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr();
            // the parser's words without what it quotes from the file: a secret typed there by mistake is not echoed
            String why = firstLine(e.getOriginalMessage()).replaceAll("'[^']*'|\"[^\"]*\"|\\([^)]*\\)", "…");
            throw new ProfileFileBroken(file + line + ": " + SafeText.escapeForTerminal(why)
                    + "; fix the file by hand (Gatehouse changes nothing in it until it parses)");
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "does not parse as TOML";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
