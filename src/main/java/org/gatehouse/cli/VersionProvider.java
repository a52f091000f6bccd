package org.gatehouse.cli;

import picocli.CommandLine;

/** picocli's {@code --version}, {@code -V} on any command: {@link Version#line()}. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {Version.line()};
    }
}
