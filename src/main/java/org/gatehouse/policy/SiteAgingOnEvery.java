package org.gatehouse.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaException;
import org.gatehouse.kea.SiteSettings;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.QueuedAction;
import org.gatehouse.store.ActionLog;

/**
 * The site's aging age on several servers: every server holds it (the aging pass of each
 * workstation reads it from the first reachable one, and a failover must not change it). Written
 * one server after the other, each reload left to settle (HA pairs), as {@link PeerDecisions} does
 * decisions; a server that is down or refuses is owed the age in the offline queue, replayed by
 * {@code sync} when it is back.
 */
final class SiteAgingOnEvery {
    static final String REPLAY_KIND = "site-aging";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeaServers servers;
    private final PeerDecisions peers;
    private final Function<KeaClient, SiteSettings> settings;
    private final ActionLog actions;
    private final Clock clock;

    SiteAgingOnEvery(KeaServers servers, OfflineQueue offline, Function<KeaClient, SiteSettings> settings, ActionLog actions, Clock clock) {
        this.servers = servers;
        this.peers = new PeerDecisions(servers, offline);
        this.settings = settings;
        this.actions = actions;
        this.clock = clock;
    }

    /** Each server's age as it holds it, or why it could not be read. */
    List<SiteAging.ServerAge> current() {
        List<SiteAging.ServerAge> out = new ArrayList<>();
        for (KeaServers.Server s : servers.all()) {
            try {
                out.add(new SiteAging.ServerAge(s.name(), SiteAging.setting(settings.apply(s.kea()).agingAge()), null));
            } catch (KeaException e) {
                out.add(new SiteAging.ServerAge(s.name(), null, s.label() + " unreachable: " + e.getMessage()));
            }
        }
        return out;
    }

    /** Writes {@code value} to every server, audits each server's part, and owes it to each that missed it. */
    SiteAging.Applied set(String value, SiteAging.Setting wanted) {
        Instant at = clock.instant();
        PeerDecisions.FanOut<Optional<String>> f;
        try {
            f = peers.fanOut(null, false, new PeerAct<>() {
                @Override
                public Optional<String> run(KeaServers.Server s, Long subnet) {
                    return settings.apply(s.kea()).setAgingAge(value);
                }

                @Override
                public OfflineQueue.Request owed(Long subnet) {
                    return request(value);
                }

                @Override
                public boolean reloaded(Optional<String> before) {
                    return before.isEmpty() || !before.get().equals(value);
                }
            });
        } catch (RuntimeException e) {
            actions.append(ActionLog.Draft.of(at, "site-aging", "aging age").change(null, value).result(ActionLog.failed(e.getMessage())));
            throw e;
        }
        List<String> lines = new ArrayList<>();
        for (PeerDecisions.Step<Optional<String>> s : f.steps()) {
            ActionLog.Draft row = ActionLog.Draft.of(at, "site-aging", "aging age").detail("on " + s.server());
            if (PeerDecisions.DONE.equals(s.state())) {
                String before = s.result().orElse("unset");
                actions.append(row.change(before, value).result(ActionLog.OK));
                lines.add(s.server() + ": " + (before.equals(value) ? "already " + value : value + " (was " + before + ")")
                        + (s.settle() == null ? "" : "; HA " + s.settle().state() + (s.settle().settled() ? "" : " (not settled)")));
            } else {
                actions.append(row.change(null, value).result("pending for " + s.server() + ": " + s.detail()));
                lines.add(s.server() + ": pending (" + s.detail() + ")");
            }
        }
        return new SiteAging.Applied(wanted, lines, f.pendingSteps().isEmpty() ? null : f.problem());
    }

    /** The queued change a server that missed the age is owed; the payload is the age. */
    static OfflineQueue.Request request(String value) {
        try {
            return new OfflineQueue.Request(REPLAY_KIND, "aging age", null, JSON.writeValueAsString(JSON.createObjectNode().put("age", value)),
                    "any", "site aging age " + value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The age a queued change sets. */
    static String valueOf(QueuedAction a) {
        try {
            String v = a.payload() == null ? "" : JSON.readTree(a.payload()).path("age").asText("");
            if (v.isBlank()) {
                throw new BadInput("queued action", "#" + a.id() + " names no aging age");
            }
            return v;
        } catch (JsonProcessingException e) {
            throw new BadInput("queued action", "#" + a.id() + " has an unreadable payload: " + e.getOriginalMessage());
        }
    }
}
