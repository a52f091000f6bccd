package org.gatehouse.cli;

/**
 * What {@code gatehouse --version} prints: the version from the jar's manifest (the build puts it
 * there). picocli's {@link VersionProvider} and the launcher's fast path ({@code app/Main}, which
 * answers a lone {@code --version} before picocli is loaded) both print this line.
 */
public final class Version {
    private Version() {
    }

    public static String line() {
        String v = Version.class.getPackage().getImplementationVersion();
        return "gatehouse " + (v == null ? "development build" : v);
    }
}
