package org.gatehouse.kea;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gatehouse.model.Mac;

/** The three lease commands behind {@link KeaWriteLock}: take, renew and give back the lock lease. */
final class LockCommands {
    private LockCommands() {
    }

    /** The lock lease as taken and as renewed: the holder's MAC on the lock address, a lifetime from now. */
    private static ObjectNode lockLease(KeaJson json, KeaWriteLock.Target target, Mac holder) {
        return json.object()
                .put("ip-address", target.address().toString())
                .put("hw-address", holder.toString())
                .put("subnet-id", target.subnetId())
                .put("valid-lft", KeaWriteLock.TTL_SECONDS)
                .put("hostname", KeaWriteLock.MARKER);
    }

    /** lease4-add of the lock lease; when it is taken Kea answers "IPv4 lease already exists", result 1 (2.2) or 4 (2.4+). */
    record LockAdd(KeaWriteLock.Target target, Mac holder, String purpose, String by) implements KeaCommand<Void> {
        @Override
        public String name() {
            return "lease4-add";
        }

        @Override
        public ObjectNode arguments(KeaJson json) {
            ObjectNode a = lockLease(json, target, holder);
            a.putObject("user-context").putObject("gatehouse-lock").put("by", by).put("for", purpose);
            return a;
        }

        @Override
        public Void decode(KeaResponse r, KeaJson json) {
            return null;
        }
    }

    /** lease4-update of our own lock lease: a new lifetime from now. */
    record LockRenew(KeaWriteLock.Target target, Mac holder) implements KeaCommand<Void> {
        @Override
        public String name() {
            return "lease4-update";
        }

        @Override
        public ObjectNode arguments(KeaJson json) {
            return lockLease(json, target, holder);
        }

        @Override
        public Void decode(KeaResponse r, KeaJson json) {
            return null;
        }
    }

    /** lease4-del by the holder's MAC: removes that holder's lock lease and never another's. */
    record LockDel(KeaWriteLock.Target target, Mac holder) implements KeaCommand<Boolean> {
        @Override
        public String name() {
            return "lease4-del";
        }

        @Override
        public ObjectNode arguments(KeaJson json) {
            return json.object().put("identifier-type", "hw-address").put("identifier", holder.toString())
                    .put("subnet-id", target.subnetId());
        }

        @Override
        public Boolean decode(KeaResponse r, KeaJson json) {
            return !r.isEmpty();
        }
    }
}
