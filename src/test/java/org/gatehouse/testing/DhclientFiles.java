package org.gatehouse.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The dhclient configuration and hook script of the end-to-end harness. The script only records
 * each event and sets or clears the address on the client's own interface (inside its namespace);
 * it never touches resolv.conf, routes or anything outside the namespace.
 */
final class DhclientFiles {
    private DhclientFiles() {
    }

    /** Short retry intervals so that a client that lost its address asks again within seconds. */
    static void writeConfig(Path file) throws IOException {
        Files.writeString(file, """
                # Gatehouse end-to-end test client
                timeout 60;
                retry 5;
                initial-interval 1;
                backoff-cutoff 4;
                request subnet-mask, routers, domain-name-servers, dhcp-lease-time, dhcp-renewal-time, dhcp-rebinding-time;
                """);
    }

    /**
     * One script per client, its events file written in: dhclient gives the script a fresh
     * environment, so the path cannot be passed another way. Each line:
     * {@code <epoch seconds> reason=R ip=A lease=S dns=A,B}.
     */
    static Path writeScript(Path file, Path events) throws IOException {
        if (!events.toString().matches("[A-Za-z0-9/._-]+")) {
            throw new IllegalArgumentException("events path must be plain: " + events);
        }
        Files.writeString(file, """
                #!/bin/sh
                dns=$(echo ${new_domain_name_servers:-} | tr ' ' ',')
                echo "$(date +%%s.%%3N) reason=$reason ip=${new_ip_address:-} lease=${new_dhcp_lease_time:-} dns=$dns" >> %s
                case "$reason" in
                    PREINIT)
                        ip link set dev "$interface" up ;;
                    BOUND|RENEW|REBIND|REBOOT)
                        [ "${old_ip_address:-}" = "$new_ip_address" ] || ip -4 addr flush dev "$interface"
                        ip -4 addr replace "$new_ip_address/${new_subnet_mask:-255.255.255.0}" dev "$interface" ;;
                    EXPIRE|FAIL|RELEASE|STOP)
                        ip -4 addr flush dev "$interface" ;;
                    TIMEOUT)
                        # an old lease from the lease file is never reused: ask the server again
                        ip -4 addr flush dev "$interface"
                        exit 1 ;;
                esac
                exit 0
                """.formatted(events));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
