package org.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.kea.KeaJson;
import org.junit.jupiter.api.Test;

/** Which servers {@link HaGroups} counts as peers: only those whose HA hook names the same peers. */
class HaGroupsTest {
    private final KeaJson json = new KeaJson();

    private KeaConfig ha(String thisServer, int portA, int portB) throws Exception {
        return KeaConfig.parse(json.read("""
                {"Dhcp4": {"hooks-libraries": [{"library": "/usr/lib/kea/hooks/libdhcp_lease_cmds.so"},
                  {"library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_ha.so", "parameters": {"high-availability": [
                    {"this-server-name": "%s", "mode": "hot-standby", "peers": [
                      {"name": "server1", "url": "http://127.0.0.1:%d/", "role": "primary"},
                      {"name": "server2", "url": "http://127.0.0.1:%d", "role": "standby"}]}]}}]}}
                """.formatted(thisServer, portA, portB)));
    }

    private KeaConfig plain() throws Exception {
        return KeaConfig.parse(json.read("{\"Dhcp4\": {\"hooks-libraries\": [{\"library\": \"libdhcp_lease_cmds.so\"}]}}"));
    }

    @Test
    void aPairIsOneGroupTwoPairsWithTheSamePeerNamesAreTwoAndAServerWithoutTheHookIsAlone() throws Exception {
        Map<String, KeaConfig> configs = new LinkedHashMap<>();
        configs.put("haus-a-1", ha("server1", 8001, 8002));
        configs.put("haus-a-2", ha("server2", 8001, 8002));
        configs.put("haus-b-1", ha("server1", 9001, 9002));
        configs.put("haus-b-2", ha("server2", 9001, 9002));
        configs.put("haus-c", plain());
        configs.put("haus-d", plain());
        Map<String, String> groups = HaGroups.of(configs);
        assertThat(groups).containsEntry("haus-a-1", "haus-a-1").containsEntry("haus-a-2", "haus-a-1")
                .containsEntry("haus-b-1", "haus-b-1").containsEntry("haus-b-2", "haus-b-1")
                .containsEntry("haus-c", "haus-c").containsEntry("haus-d", "haus-d");
    }
}
