package org.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gatehouse.model.Mac;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OuiRegistryTest {

    @Test
    void debiansIeeeRegistryNamesRealVendors() {
        OuiRegistry oui = new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV);
        assertThat(oui.vendor(Mac.parse("f0:18:98:12:34:56"))).isEqualTo("Apple, Inc.");
        assertThat(oui.vendor(Mac.parse("b8:27:eb:00:00:01"))).isEqualTo("Raspberry Pi Foundation");
        assertThat(oui.size()).isGreaterThan(30_000);
    }

    @Test
    void randomisedMacsHaveNoVendor() {
        OuiRegistry oui = new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV);
        assertThat(oui.vendor(Mac.parse("da:a1:19:12:34:56"))).isEqualTo(OuiRegistry.RANDOMIZED);
    }

    /** The locally administered bit is bit 1 of the first octet: x2, x6, xA, xE are randomised; the multicast bit is not it. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "02:00:00:00:00:01|randomized", "06:11:22:33:44:55|randomized", "0a:11:22:33:44:55|randomized",
        "0e:11:22:33:44:55|randomized", "f2:18:98:12:34:56|randomized", "da:a1:19:12:34:56|randomized",
        "f0:18:98:12:34:56|Apple, Inc.", "f1:18:98:12:34:56|", "00:00:00:00:00:00|XEROX CORPORATION"})
    void locallyAdministeredMacsAreRandomisedOthersAreLookedUp(String mac, String vendor) {
        OuiRegistry oui = new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV);
        assertThat(oui.vendor(Mac.parse(mac))).isEqualTo(vendor);
    }

    @Test
    void quotedNamesWithCommasAndAMissingFileAreHandled(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("oui.csv");
        Files.writeString(csv, "Registry,Assignment,Organization Name,Organization Address\n"
                + "MA-L,8C7712,\"Samsung Electronics Co.,Ltd\",\"#94-1, Imsoo-Dong\"\n");
        assertThat(new OuiRegistry(csv).vendor(Mac.parse("8c:77:12:00:00:01"))).isEqualTo("Samsung Electronics Co.,Ltd");
        assertThat(new OuiRegistry(dir.resolve("missing.csv")).vendor(Mac.parse("8c:77:12:00:00:01"))).isNull();
    }
}
