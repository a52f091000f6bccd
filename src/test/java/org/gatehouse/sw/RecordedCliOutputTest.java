package org.gatehouse.sw;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gatehouse.model.Mac;
import org.gatehouse.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parsers and the session's error detection on every real capture in
 * src/test/resources/switch-recordings/cli, compared with ntc-templates' parsed .yml where the fields overlap.
 */
class RecordedCliOutputTest {

    static Path cli() {
        return SharedData.switchRecording("cli");
    }

    static Stream<Path> rawFiles() throws IOException {
        try (Stream<Path> s = Files.walk(cli())) {
            return s.filter(p -> p.toString().endsWith(".raw")).sorted().toList().stream();
        }
    }

    /** The {@code parsed_sample} list of a .yml as maps of field → value (flat fields only). */
    static List<Map<String, String>> expected(Path raw) throws IOException {
        Path yml = Path.of(raw.toString().replaceAll("\\.raw$", ".yml"));
        List<Map<String, String>> out = new ArrayList<>();
        Pattern field = Pattern.compile("^\\s*(-\\s+)?([a-z_0-9]+):\\s*\"(.*)\"\\s*$");
        for (String line : Files.readAllLines(yml)) {
            Matcher m = field.matcher(line);
            if (!m.matches()) {
                continue;
            }
            if (m.group(1) != null) {
                out.add(new java.util.LinkedHashMap<>());
            }
            if (!out.isEmpty()) {
                out.get(out.size() - 1).put(m.group(2), m.group(3));
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("rawFiles")
    void noRecordedOutputLooksLikeARefusal(Path raw) throws IOException {
        assertThat(ComwareSession.errorLines(Files.readAllLines(raw))).isEmpty();
    }

    @Test
    void everyRecordedLayer2InterfaceNameParsesAndNothingElseDoes() throws IOException {
        // values of interface-ish keys, and items of port lists
        Pattern names = Pattern.compile("(?m)^\\s*(?:-\\s+)?(?:(?:interface|local_interface|member_port|[a-z_]*ports?):\\s*)?\"([A-Z][A-Za-z-]*\\d[\\d/:.]*)\"\\s*$");
        List<String> accepted = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        try (Stream<Path> s = Files.walk(cli())) {
            for (Path yml : s.filter(p -> p.toString().endsWith(".yml")).toList()) {
                Matcher m = names.matcher(Files.readString(yml));
                while (m.find()) {
                    if (!m.group(0).matches("(?s)\\s*(-\\s+)?(interface|local_interface|member_port|[a-z_]*ports?):.*")
                            && !m.group(0).matches("(?s)\\s*-\\s+\".*")) {
                        continue;
                    }
                    (InterfaceName.isValid(m.group(1)) ? accepted : rejected).add(m.group(1));
                }
            }
        }
        assertThat(accepted).contains("GigabitEthernet1/0/20", "Bridge-Aggregation1", "Ten-GigabitEthernet1/0/1", "FortyGigE1/0/49",
                "Twenty-FiveGigE1/0/56", "HundredGigE3/0/23", "Vlan-interface123", "XGE1/0/47", "GE0/1", "M-GigabitEthernet0/0/0", "Vlan1");
        // router-only interfaces carry no MAC packet filter: Aux, Cellular, Loopback, NULL, tunnels, E1 channels
        assertThat(rejected).allSatisfy(n -> assertThat(n).matches("(Aux|Cellular|Loop|InLoop|InLoopBack|NULL|MP|REG|Tunnel|E-Ch|VT|Dia|S).*"));
        assertThat(InterfaceName.parse("XGE1/0/47").toString()).isEqualTo("Ten-GigabitEthernet1/0/47");
        assertThat(InterfaceName.parse("BAGG1")).isEqualTo(InterfaceName.parse("Bridge-Aggregation1"));
        assertThat(InterfaceName.parse("Vlan1").toString()).isEqualTo("Vlan-interface1");
    }

    @Test
    void macAddressTableMatchesTheYml() throws IOException {
        Path raw = cli().resolve("display_mac-address/hp_comware_display_mac-address.raw");
        List<MacTableEntry> rows = ComwareParsers.macTable(Files.readAllLines(raw));
        List<Map<String, String>> yml = expected(raw);
        assertThat(rows).hasSameSizeAs(yml);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).mac()).isEqualTo(ComwareParsers.comwareMac(yml.get(i).get("mac_address")));
            assertThat(rows.get(i).vlan()).hasToString(yml.get(i).get("vlan_id"));
            assertThat(rows.get(i).state()).isEqualTo(yml.get(i).get("state"));
            assertThat(rows.get(i).port()).isEqualTo(yml.get(i).get("interface"));
            assertThat(rows.get(i).aging()).isEqualTo(yml.get(i).get("aging"));
        }
    }

    @Test
    void comware7MacTableLayoutWithATwoWordStateParsesByColumn() {
        List<MacTableEntry> rows = ComwareParsers.macTable(List.of(
                "MAC Address      VLAN ID    State            Port/NickName            Aging",
                "001e-c1dc-fc01   1          Learned          XGE1/0/47                Y",
                "0000-5e00-0001   40         Config static    GE1/0/3                  N"));
        assertThat(rows).containsExactly(new MacTableEntry(Mac.parse("00:1e:c1:dc:fc:01"), 1, "Learned", "XGE1/0/47", "Y"),
                new MacTableEntry(Mac.parse("00:00:5e:00:00:01"), 40, "Config static", "GE1/0/3", "N"));
    }

    static Stream<Path> interfaceBriefFiles() throws IOException {
        return rawFiles().filter(p -> p.getParent().getFileName().toString().equals("display_interface_brief"));
    }

    @ParameterizedTest
    @MethodSource("interfaceBriefFiles")
    void interfaceBriefMatchesTheYml(Path raw) throws IOException {
        List<InterfaceBrief> rows = ComwareParsers.interfaceBrief(Files.readAllLines(raw));
        List<Map<String, String>> yml = expected(raw);
        assertThat(rows).extracting(InterfaceBrief::name).containsExactlyElementsOf(yml.stream().map(m -> m.get("interface")).toList());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).link()).as(rows.get(i).name()).isEqualTo(yml.get(i).get("link"));
            assertThat(rows.get(i).type()).as(rows.get(i).name()).isEqualTo(yml.get(i).get("type"));
            assertThat(rows.get(i).pvid()).as(rows.get(i).name()).isEqualTo(yml.get(i).get("vlan_id"));
        }
    }

    static Stream<Path> vlanAllFiles() throws IOException {
        return rawFiles().filter(p -> p.getParent().getFileName().toString().equals("display_vlan_all"));
    }

    @ParameterizedTest
    @MethodSource("vlanAllFiles")
    void vlanNamesMatchTheYml(Path raw) throws IOException {
        Map<Integer, String> names = ComwareParsers.vlanNames(Files.readAllLines(raw));
        List<Map<String, String>> yml = expected(raw);
        assertThat(names).hasSize(yml.size());
        for (Map<String, String> v : yml) {
            assertThat(names.get(Integer.parseInt(v.get("vlan_id")))).isEqualTo(v.get("vlan_name"));
        }
    }

    @Test
    void vlanBriefIdsMatchTheYml() throws IOException {
        Path raw = cli().resolve("display_vlan_brief/hp_comware_display_vlan_brief.raw");
        assertThat(ComwareParsers.vlanBriefIds(Files.readAllLines(raw)))
                .containsExactlyElementsOf(expected(raw).stream().map(m -> Integer.parseInt(m.get("vlan_id"))).toList());
    }

    @Test
    void aclRulesInBothDocumentedLayouts() {
        List<AclRule> rules = ComwareParsers.aclRules(List.of("MAC ACL 4000, 3 rules,", "ACL's step is 5",
                " rule 0 deny cos excellent-effort", " rule 5 deny source-mac 0011-2233-4455 ffff-ffff-ffff (3 times matched)",
                " rule 10 deny source-mac 0011-2200-0000 ffff-ff00-0000", " rule 50000 permit source-mac 1-2-3 ffff-ffff-ffff"));
        assertThat(rules).extracting(r -> r.id().value()).containsExactly(0, 5, 10, 50000);
        assertThat(rules.get(1).blocks(Mac.parse("00:11:22:33:44:55"))).isTrue();
        assertThat(rules.get(2).sourceMac()).as("an OUI-wide rule blocks no single MAC").isNull();
        assertThat(rules.get(3).deny()).isFalse();
        assertThat(rules.get(3).sourceMac()).isEqualTo(Mac.parse("00:01:00:02:00:03"));
    }
}
