package org.gatehouse.sw;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.gatehouse.model.Mac;

/** A MAC ACL as read from the switch; {@code exists} is false when the switch has no such ACL yet. */
public record AclView(AclNumber acl, boolean exists, List<AclRule> rules) {

    public Optional<AclRule> ruleBlocking(Mac mac) {
        return rules.stream().filter(r -> r.blocks(mac)).findFirst();
    }

    public Set<RuleId> ids() {
        Set<RuleId> ids = new TreeSet<>();
        rules.forEach(r -> ids.add(r.id()));
        return ids;
    }
}
