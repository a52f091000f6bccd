package org.gatehouse.model;

import java.time.Instant;

/**
 * One DHCPv4 lease as Kea reports it. {@code cltt} is the client's last transmission time
 * (epoch seconds); the lease ends {@code validLifetime} seconds later.
 */
public record Lease(Ipv4 ip, Mac mac, String hostname, long subnetId, LeaseState state,
                    long cltt, long validLifetime) {

    public Lease {
        hostname = hostname == null ? "" : hostname;
    }

    public Instant expires() {
        return Instant.ofEpochSecond(cltt + validLifetime);
    }
}
