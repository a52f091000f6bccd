package org.gatehouse.kea;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.testing.KeaTestCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lease list read as a stream (a 50,000-lease console reads it every few seconds) against a
 * real kea-dhcp4: the same leases as the tree reader, and the previous walk's objects handed back
 * for the leases that did not change.
 */
@Tag("kea")
class LeaseListReaderTest {

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @AfterEach
    void clean() {
        kea.wipeLeases();
    }

    @Test
    void readsWhatTheTreeReaderReads() {
        addDevices();
        List<Lease> streamed = kea.client().allLeases(7);
        // execute() decodes through the JSON tree, as every other command does.
        List<Lease> tree = kea.client().execute(new KeaCommands.Lease4GetAll());
        assertThat(streamed).hasSize(40).containsExactlyInAnyOrderElementsOf(tree);
        assertThat(streamed).anySatisfy(l -> assertThat(l.hostname()).isEmpty());
        assertThat(streamed).extracting(l -> l.mac().toString()).contains("f0:18:98:00:02:05");
    }

    @Test
    void nonAsciiHostnamesComeBackDecoded() {
        addDevices();
        kea.addLease(100, "f0:18:98:00:03:01", "jürgens-iphone", 86400);
        kea.addLease(101, "f0:18:98:00:03:02", "王的手机", 86400);
        List<Lease> leases = kea.client().allLeases(7);
        assertThat(leases).extracting(Lease::hostname).contains("jürgens-iphone", "王的手机");
        assertThat(leases).containsExactlyInAnyOrderElementsOf(kea.client().execute(new KeaCommands.Lease4GetAll()));
        // Unchanged, they are the same objects on the next walk too.
        Lease jurgens = leases.stream().filter(l -> l.hostname().startsWith("jürgens")).findFirst().orElseThrow();
        assertThat(kea.client().allLeases(7)).anySatisfy(l -> assertThat(l).isSameAs(jurgens));
    }

    @Test
    void aSecondWalkSharesTheUnchangedLeasesAndBringsTheChangedOnes() {
        addDevices();
        List<Lease> first = kea.client().allLeases(7);
        Lease changed = first.get(3);
        Lease released = first.get(11);
        kea.client().execute(new KeaTestCommands.Lease4Update(new Lease(changed.ip(), changed.mac(), "renamed-laptop",
                changed.subnetId(), LeaseState.DEFAULT, changed.cltt(), changed.validLifetime())));
        kea.client().execute(new KeaCommands.Lease4Del(released.ip()));

        List<Lease> second = kea.client().allLeases(7);

        Set<Lease> before = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        before.addAll(first);
        Map<Boolean, List<Lease>> shared = second.stream().collect(Collectors.partitioningBy(before::contains));
        assertThat(shared.get(true)).hasSize(38);
        assertThat(shared.get(false)).singleElement().satisfies(l -> {
            assertThat(l.ip()).isEqualTo(changed.ip());
            assertThat(l.hostname()).isEqualTo("renamed-laptop");
        });
        assertThat(second).extracting(Lease::ip).doesNotContain(released.ip());
        assertThat(second).containsExactlyInAnyOrderElementsOf(kea.client().execute(new KeaCommands.Lease4GetAll()));
    }

    private static void addDevices() {
        for (int i = 0; i < 40; i++) {
            kea.addLease(10 + i, String.format("f0:18:98:00:02:%02x", i), i % 5 == 0 ? "" : "device-" + i, 3600 + i);
        }
    }
}
