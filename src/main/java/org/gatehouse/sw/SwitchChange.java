package org.gatehouse.sw;

import org.gatehouse.model.Mac;

/** One change to the switch configuration, as a value: what a batch will do, before it does it. */
public sealed interface SwitchChange {

    /** A short human description for logs and reports. */
    String describe();

    /** {@code rule <id> deny source-mac <mac> ffff-ffff-ffff} in the MAC ACL. */
    record DenySourceMac(AclNumber acl, RuleId rule, Mac mac) implements SwitchChange {
        @Override
        public String describe() {
            return "ACL " + acl + " rule " + rule + " deny " + mac;
        }
    }

    /** {@code undo rule <id>} in the MAC ACL. */
    record RemoveRule(AclNumber acl, RuleId rule) implements SwitchChange {
        @Override
        public String describe() {
            return "ACL " + acl + " undo rule " + rule;
        }
    }

    /** {@code packet-filter mac <acl> inbound} on an interface. */
    record FilterInbound(AclNumber acl, InterfaceName port) implements SwitchChange {
        @Override
        public String describe() {
            return "packet-filter mac " + acl + " inbound on " + port;
        }
    }

    /** {@code mac-address blackhole <mac> vlan <v>}: drops frames from and to the MAC. */
    record Blackhole(Mac mac, VlanId vlan) implements SwitchChange {
        @Override
        public String describe() {
            return "blackhole " + mac + " in VLAN " + vlan;
        }
    }

    record RemoveBlackhole(Mac mac, VlanId vlan) implements SwitchChange {
        @Override
        public String describe() {
            return "undo blackhole " + mac + " in VLAN " + vlan;
        }
    }
}
