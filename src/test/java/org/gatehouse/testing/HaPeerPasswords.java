package org.gatehouse.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.gatehouse.kea.LocalKea;

/**
 * A secret Kea 2.2 accepts without a database: the HA hook (third hooks library, after lease_cmds and
 * stat_cmds) with basic-auth passwords on both peers. No partner runs: Kea keeps the configuration
 * all the same, and config-get answers the passwords in clear.
 */
public final class HaPeerPasswords {
    /** Where the peers are in config-get's Dhcp4 tree, as a JSON pointer. */
    public static final String PEERS = "/hooks-libraries/2/parameters/high-availability/0/peers";

    private HaPeerPasswords() {
    }

    /** For {@code new KeaServer(c -> HaPeerPasswords.add(c, ...))}: server1's and server2's passwords. */
    public static void add(ObjectNode config, String server1Password, String server2Password) {
        ObjectNode ha = ((ArrayNode) config.get("Dhcp4").get("hooks-libraries")).addObject()
                .put("library", LocalKea.hooksDir().resolve("libdhcp_ha.so").toString())
                .putObject("parameters").putArray("high-availability").addObject();
        ha.put("this-server-name", "server1").put("mode", "hot-standby").put("heartbeat-delay", 10000).put("max-unacked-clients", 0);
        ArrayNode peers = ha.putArray("peers");
        peers.addObject().put("name", "server1").put("url", "http://127.0.0.1:" + freeLoopbackPort() + "/").put("role", "primary")
                .put("basic-auth-user", "ha").put("basic-auth-password", server1Password);
        peers.addObject().put("name", "server2").put("url", "http://127.0.0.1:" + freeLoopbackPort() + "/").put("role", "standby")
                .put("basic-auth-user", "ha").put("basic-auth-password", server2Password);
    }

    private static int freeLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
