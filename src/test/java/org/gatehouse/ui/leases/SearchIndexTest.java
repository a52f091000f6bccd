package org.gatehouse.ui.leases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;
import org.gatehouse.policy.LeaseFilter;
import org.junit.jupiter.api.Test;

/**
 * The console's search index finds exactly the leases {@link LeaseFilter#matches} finds (the
 * CLI's search), for thousands of random searches: parts of addresses, MACs with and without
 * separators (octet-aligned), hostnames with capitals, non-ASCII and line breaks, vendors, and
 * the tier, subnet and state filters.
 */
class SearchIndexTest {
    private static final String[] HOSTS = {"iPhone-12", "Müller-PC", "東京-laptop", "printer\nfake", "DESKTOP-A1B2", "", "android-0a1b",
        "ｆｕｌｌ", "a\u202eb"};
    private static final String[] VENDORS = {"Apple, Inc.", "Samsung Electronics Co.,Ltd", "randomized", null};

    private static List<LeaseTableModel.Entry> rows(Random r, int n) {
        List<LeaseTableModel.Entry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Mac mac = r.nextInt(20) == 0 ? null : new Mac(r.nextLong() & 0xFFFF_FFFF_FFFFL & (r.nextBoolean() ? 0x0000_FFFF_FFFFL : -1L));
            Lease l = new Lease(Ipv4.parse("10.0.0.0").plus(r.nextInt(1 << 20)), mac, HOSTS[r.nextInt(HOSTS.length)] + (r.nextBoolean() ? i : ""),
                    40 + r.nextInt(3), LeaseState.values()[r.nextInt(4)], 1_700_000_000L, 3600);
            RowData d = new RowData(new ClassifiedLease(l, Tier.values()[r.nextInt(Tier.values().length)], VENDORS[r.nextInt(VENDORS.length)]),
                    false, "40");
            out.add(new LeaseTableModel.Entry(new LeaseRow(d), d));
        }
        return out;
    }

    /** A search text as a user might type it: a piece of a row's address, MAC (in some spelling), hostname or vendor. */
    private static String needle(Random r, List<LeaseTableModel.Entry> rows) {
        ClassifiedLease cl = rows.get(r.nextInt(rows.size())).data().lease();
        String source = switch (r.nextInt(5)) {
            case 0 -> cl.lease().ip().toString();
            case 1, 2 -> cl.lease().mac() == null ? "0a:1b" : macSpelling(r, cl.lease().mac());
            case 3 -> cl.lease().hostname();
            default -> cl.vendor() == null ? "apple" : cl.vendor();
        };
        if (source.isEmpty()) {
            return "";
        }
        int from = r.nextInt(source.length());
        int to = Math.min(source.length(), from + 1 + r.nextInt(6));
        String s = source.substring(from, to);
        return r.nextInt(4) == 0 ? s.toUpperCase() : s;
    }

    private static String macSpelling(Random r, Mac mac) {
        String colons = mac.toString();
        return switch (r.nextInt(4)) {
            case 0 -> colons;
            case 1 -> colons.replace(':', '-');
            case 2 -> colons.replace(":", "");
            default -> colons.replace(":", "").replaceAll("(.{4})(?!$)", "$1.");
        };
    }

    @Test
    void theIndexFindsExactlyWhatTheFilterFinds() {
        Random r = new Random(17);
        List<LeaseTableModel.Entry> rows = rows(r, 3000);
        SearchIndex index = SearchIndex.build(rows, new HashMap<>());
        List<LeaseFilter.Haystack> haystacks = rows.stream().map(e -> LeaseFilter.Haystack.of(e.data().lease())).toList();
        for (int q = 0; q < 2000; q++) {
            String text = needle(r, rows);
            Tier tier = r.nextInt(4) == 0 ? Tier.values()[r.nextInt(Tier.values().length)] : null;
            Long subnet = r.nextInt(5) == 0 ? (long) (40 + r.nextInt(3)) : null;
            LeaseState state = r.nextInt(5) == 0 ? LeaseState.values()[r.nextInt(4)] : null;
            LeaseFilter f = new LeaseFilter(text, tier, subnet, state);
            boolean[] hit = index.matches(f, () -> false);
            LeaseFilter.Compiled reference = f.compile();
            for (int i = 0; i < rows.size(); i++) {
                ClassifiedLease cl = rows.get(i).data().lease();
                if (hit[i] != reference.matches(cl, haystacks.get(i))) {
                    assertThat(hit[i]).as("search %s on %s / %s / %s", f, cl.lease(), cl.vendor(), cl.tier()).isEqualTo(f.matches(cl));
                }
            }
        }
    }

    @Test
    void octetSearchesOnTheIssuesExample() {
        List<LeaseTableModel.Entry> rows = new ArrayList<>();
        for (String m : new String[] {"02:19:10:a1:b6:26", "00:0a:1b:00:00:01", "0a:1b:00:00:00:02", "aa:bb:cc:00:0a:1b"}) {
            Lease l = new Lease(Ipv4.parse("192.168.40.10").plus(rows.size()), Mac.parse(m), "h", 40, LeaseState.DEFAULT, 0, 60);
            RowData d = new RowData(new ClassifiedLease(l, Tier.REGISTERED, null), false, "40");
            rows.add(new LeaseTableModel.Entry(new LeaseRow(d), d));
        }
        SearchIndex index = SearchIndex.build(rows, new HashMap<>());
        assertThat(index.matches(new LeaseFilter("0a:1b", null, null), () -> false)).containsExactly(false, true, true, true);
        assertThat(index.matches(new LeaseFilter("0a1b", null, null), () -> false)).containsExactly(true, true, true, true);
        assertThat(index.matches(new LeaseFilter(":1b:", null, null), () -> false)).containsExactly(false, true, true, true);
    }

    @Test
    void aSupersededSearchStops() {
        SearchIndex index = SearchIndex.build(rows(new Random(3), 5000), new HashMap<>());
        assertThatThrownBy(() -> index.matches(new LeaseFilter("1", null, null), () -> true)).isInstanceOf(CancellationException.class);
    }
}
