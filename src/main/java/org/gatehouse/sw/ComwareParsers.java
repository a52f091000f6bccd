package org.gatehouse.sw;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gatehouse.model.Mac;

/** Reads Comware {@code display} output. Tested on the real captures in src/test/resources/switch-recordings/cli. */
public final class ComwareParsers {
    private static final String HHH = "[0-9a-fA-F]{1,4}-[0-9a-fA-F]{1,4}-[0-9a-fA-F]{1,4}";
    private static final Pattern RULE = Pattern.compile("^\\s*rule (\\d{1,5}) (permit|deny)\\b(.*)$");
    private static final Pattern SOURCE_MAC = Pattern.compile("\\bsource-mac (" + HHH + ") (" + HHH + ")\\b");
    // a state may be two words ("Config static"): port and aging are the last two tokens
    private static final Pattern MAC_ROW = Pattern.compile("^\\s*(" + HHH + ")\\s+(\\d{1,4})\\s+(.+?)\\s+(\\S+)\\s+(\\S+)\\s*$");
    private static final Pattern VLAN_ID = Pattern.compile("^\\s*VLAN ID:\\s*(\\d{1,4})\\s*$");
    private static final Pattern VLAN_FIELD = Pattern.compile("^\\s*(Name|Description):\\s?(.*)$");
    private static final Pattern VLAN_BRIEF_ROW = Pattern.compile("^(\\d{1,4})\\s+(.*?)(?:\\s{2,}(\\S.*))?$");

    private ComwareParsers() {
    }

    /** {@code H-H-H} with optional leading zeros per group, as Comware prints MACs. */
    public static Mac comwareMac(String hhh) {
        String[] g = hhh.split("-");
        StringBuilder hex = new StringBuilder(12);
        for (String part : g) {
            hex.append("0".repeat(4 - part.length())).append(part);
        }
        return Mac.parse(hex.toString());
    }

    /** Rules of {@code display acl [mac] N}: {@code rule 5 deny source-mac 0011-2233-4455 ffff-ffff-ffff}. */
    public static List<AclRule> aclRules(List<String> lines) {
        List<AclRule> rules = new ArrayList<>();
        for (String line : lines) {
            Matcher m = RULE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Mac source = null;
            Matcher s = SOURCE_MAC.matcher(m.group(3));
            if (s.find() && comwareMac(s.group(2)).value() == 0xFFFF_FFFF_FFFFL) {
                source = comwareMac(s.group(1));
            }
            rules.add(new AclRule(new RuleId(Integer.parseInt(m.group(1))), m.group(2).equals("deny"), source, line.trim()));
        }
        return rules;
    }

    /** Rows of {@code display mac-address …} in both the Comware 5 and the Comware 7 layout. */
    public static List<MacTableEntry> macTable(List<String> lines) {
        List<MacTableEntry> rows = new ArrayList<>();
        for (String line : lines) {
            Matcher m = MAC_ROW.matcher(line);
            if (m.matches()) {
                rows.add(new MacTableEntry(comwareMac(m.group(1)), Integer.parseInt(m.group(2)), m.group(3).trim(), m.group(4), m.group(5)));
            }
        }
        return rows;
    }

    /** Rows of {@code display interface brief}, both its route-mode and bridge-mode tables. */
    public static List<InterfaceBrief> interfaceBrief(List<String> lines) {
        List<InterfaceBrief> rows = new ArrayList<>();
        int fields = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                fields = 0;
                continue;
            }
            if (line.startsWith("Interface ")) {
                // route mode: Interface Link Protocol IP Description; bridge mode: Interface Link Speed Duplex Type PVID Description
                fields = line.contains("PVID") ? 7 : 5;
                continue;
            }
            String first = line.split("\\s+")[0];
            if (fields == 0 || line.startsWith(" ") || first.endsWith(":")) {
                continue;
            }
            String[] t = line.trim().split("\\s+", fields);
            String desc = t.length == fields ? t[fields - 1].trim() : "";
            if (fields == 7) {
                rows.add(new InterfaceBrief(t[0], at(t, 1), at(t, 4), at(t, 5), desc));
            } else {
                rows.add(new InterfaceBrief(t[0], at(t, 1), "", "", desc));
            }
        }
        return rows;
    }

    private static String at(String[] t, int i) {
        return i < t.length ? t[i] : "";
    }

    /** VLAN id → name from {@code display vlan all} (blocks of {@code VLAN ID:} / {@code Name:}). */
    public static Map<Integer, String> vlanNames(List<String> lines) {
        Map<Integer, String> names = new LinkedHashMap<>();
        Integer current = null;
        for (String line : lines) {
            Matcher id = VLAN_ID.matcher(line);
            if (id.matches()) {
                current = Integer.parseInt(id.group(1));
                continue;
            }
            Matcher f = VLAN_FIELD.matcher(line);
            if (current != null && f.matches() && f.group(1).equals("Name")) {
                names.put(current, f.group(2).trim());
            }
        }
        return names;
    }

    /** VLAN ids listed by {@code display vlan brief}. */
    public static List<Integer> vlanBriefIds(List<String> lines) {
        List<Integer> ids = new ArrayList<>();
        boolean table = false;
        for (String line : lines) {
            if (line.startsWith("VLAN ID") && line.contains("Name")) {
                table = true;
                continue;
            }
            Matcher m = VLAN_BRIEF_ROW.matcher(line);
            if (table && m.matches()) {
                ids.add(Integer.parseInt(m.group(1)));
            }
        }
        return ids;
    }
}
