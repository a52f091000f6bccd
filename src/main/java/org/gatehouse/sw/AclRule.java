package org.gatehouse.sw;

import org.gatehouse.model.Mac;

/**
 * One rule of a MAC ACL as {@code display acl} prints it. {@code sourceMac} is set only for rules
 * that match exactly one source MAC (mask ffff-ffff-ffff), the kind Gatehouse writes.
 */
public record AclRule(RuleId id, boolean deny, Mac sourceMac, String text) {
    /** A rule that denies exactly this MAC. */
    public boolean blocks(Mac mac) {
        return deny && mac.equals(sourceMac);
    }
}
