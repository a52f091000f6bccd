package org.gatehouse.cli;

import picocli.CommandLine;

/** The version from the jar's manifest (the build puts it there). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = GatehouseCli.class.getPackage().getImplementationVersion();
        return new String[] {"gatehouse " + (v == null ? "development build" : v)};
    }
}
