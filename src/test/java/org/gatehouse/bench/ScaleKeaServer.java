package org.gatehouse.bench;

import java.time.Instant;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.testing.ScaleKea;

/**
 * A private kea-dhcp4 holding N leases (default 50,000) for timing {@code gatehouse} by hand:
 * prints its endpoint, then runs until stdin closes (or Enter). Not a test.
 * {@code java -cp <test class path> org.gatehouse.bench.ScaleKeaServer 50000}
 */
public final class ScaleKeaServer {
    private ScaleKeaServer() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        try (LocalKea kea = ScaleKea.start(new KeaJson(), ScaleKea.leases(count, Instant.now(), 42))) {
            System.out.println(kea.endpoint());
            System.out.flush();
            System.in.read();
        }
    }
}
