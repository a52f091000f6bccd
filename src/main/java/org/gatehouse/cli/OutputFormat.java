package org.gatehouse.cli;

/** How a command prints its result; {@code html} is for {@code report} only (other commands print it as a table). */
public enum OutputFormat {
    TABLE, JSON, CSV, HTML
}
