package org.gatehouse.cli;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gatehouse.kea.GuestSiteConfig;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.policy.SiteCheck;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code gatehouse site check}: the scheme's known mistakes are found, a correct site has none. */
@Tag("kea")
class SiteCheckTest {

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    Path dir;

    private final KeaJson json = new KeaJson();

    private ObjectNode generated() {
        return new GuestSiteConfig(json).generate(List.of(new GuestSiteConfig.GuestVlan(40, "192.168.40.0/24")), List.of("9.9.9.9"),
                null, LocalKea.runtimeIn(dir));
    }

    private List<SiteCheck.Finding> errors(ObjectNode config) {
        return new SiteCheck().check(config.path("Dhcp4")).stream().filter(f -> f.severity() == SiteCheck.Severity.ERROR).toList();
    }

    @Test
    void theRunningGuestKeaHasNoFindings() {
        CliRun r = CliRun.run(Map.of(), "--kea", kea.endpoint(), "--db", dir.resolve("c.db").toString(), "site", "check");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).startsWith("no findings in the running configuration of unix:");
    }

    @Test
    void classesInTheWrongOrderOrATestThatLetsDecidedDevicesInAreErrors() {
        ObjectNode wrongOrder = generated();
        ArrayNode classes = (ArrayNode) wrongOrder.path("Dhcp4").path("client-classes");
        var denied = classes.remove(2);
        classes.add(denied);
        assertThat(errors(wrongOrder)).anySatisfy(f -> assertThat(f.what()).contains("'denied' is defined after 'newly-unregistered'"));

        ObjectNode leaky = generated();
        ((ObjectNode) leaky.path("Dhcp4").path("client-classes").get(3)).put("test", "not member('registered')");
        assertThat(errors(leaky)).extracting(SiteCheck.Finding::what)
                .anySatisfy(w -> assertThat(w).contains("does not exclude 'old-unregistered'"))
                .anySatisfy(w -> assertThat(w).contains("does not exclude 'denied'"));
    }

    @Test
    void aGuestSubnetInASharedNetworkAndAnOpenPoolAreErrors() {
        ObjectNode shared = generated();
        ObjectNode d = (ObjectNode) shared.path("Dhcp4");
        ArrayNode subnets = (ArrayNode) d.remove("subnet4");
        d.putArray("shared-networks").addObject().put("name", "guests").set("subnet4", subnets);
        assertThat(errors(shared)).anySatisfy(f -> assertThat(f.what()).contains("inside shared network 'guests'"));

        ObjectNode open = generated();
        ((ObjectNode) open.path("Dhcp4").path("subnet4").get(0).path("pools").get(2)).remove("client-class");
        assertThat(errors(open)).extracting(SiteCheck.Finding::what)
                .anySatisfy(w -> assertThat(w).contains("without a client class"))
                .anySatisfy(w -> assertThat(w).contains("no pool for old-unregistered"));
    }

    @Test
    void aFileWithKeaStyleCommentsIsCheckedAndErrorsGiveExit1() throws Exception {
        ObjectNode open = generated();
        ((ObjectNode) open.path("Dhcp4").path("subnet4").get(0).path("pools").get(0)).remove("client-class");
        Path file = dir.resolve("kea-dhcp4.conf");
        Files.writeString(file, "// guest site\n# edited by hand\n" + json.write(open));
        CliRun r = CliRun.run(Map.of(), "site", "check", file.toString(), "--format", "json");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("\"severity\" : \"ERROR\"").contains("without a client class");
        assertThat(CliRun.run(Map.of(), "site", "check", dir.resolve("missing.conf").toString()).exit()).isEqualTo(2);
    }

    @Test
    void aRecordedKea3ConfigWithoutTheSchemeIsReportedNotCrashedOn() throws Exception {
        Path file = dir.resolve("kea32.json");
        Files.writeString(file, json.write(json.read(Files.readString(SharedData.keaResponse("kea-3.2/config-get.json"))).path("response").path("arguments")));
        CliRun r = CliRun.run(Map.of(), "site", "check", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("class 'newly-unregistered' is not defined");
    }
}
