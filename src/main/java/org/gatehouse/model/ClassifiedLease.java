package org.gatehouse.model;

/** A lease with the tier its address falls in and the vendor behind its MAC (null if unknown). */
public record ClassifiedLease(Lease lease, Tier tier, String vendor) {
}
