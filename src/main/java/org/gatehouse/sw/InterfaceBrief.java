package org.gatehouse.sw;

/** A row of {@code display interface brief}; {@code type} and {@code pvid} are empty in route mode. */
public record InterfaceBrief(String name, String link, String type, String pvid, String description) {
}
