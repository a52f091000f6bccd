package org.gatehouse.kea;

/** What {@code version-get} said: the short version string and the build report. */
public record KeaVersion(String version, String extended) {
}
