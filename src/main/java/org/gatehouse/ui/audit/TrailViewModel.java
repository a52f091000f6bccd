package org.gatehouse.ui.audit;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.gatehouse.model.AuditEntry;
import org.gatehouse.model.AuditQuery;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.Mac;
import org.gatehouse.policy.AuditService;
import org.gatehouse.policy.AuditTools;
import org.gatehouse.ui.task.BackgroundTask;
import org.gatehouse.ui.task.TaskExecutor;

import static org.gatehouse.ui.audit.AuditViewModel.why;

/**
 * The Audit screen's Trail tab: the filters, the rows they select (newest first), the chain check,
 * export and a device's timeline. Reads run on the executor; a newer query always wins.
 */
public final class TrailViewModel {
    public static final List<String> OUTCOMES = List.of("ok", "refused", "queued", "failed", "cancelled");
    /** Latest-wins keys: this screen's query and timeline (another screen's never cancel them). */
    private final Object queryKey = new Object();
    private final Object timelineKey = new Object();

    private final AuditTools tools;
    private final TaskExecutor tasks;

    private final ObjectProperty<LocalDate> since = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> until = new SimpleObjectProperty<>();
    private final StringProperty user = new SimpleStringProperty();
    private final StringProperty mac = new SimpleStringProperty("");
    private final StringProperty action = new SimpleStringProperty();
    private final StringProperty result = new SimpleStringProperty();
    private final ObservableList<AuditEntry> rows = FXCollections.observableArrayList();
    private final ObservableList<String> users = FXCollections.observableArrayList();
    private final ObservableList<String> actions = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty chain = new SimpleStringProperty("Chain not checked yet");
    private final BooleanProperty chainBroken = new SimpleBooleanProperty();
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty cacheInfo = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final ObservableList<AuditService.TimelineEntry> timeline = FXCollections.observableArrayList();
    private final StringProperty timelineTitle = new SimpleStringProperty("");

    TrailViewModel(AuditTools tools, TaskExecutor tasks) {
        this.tools = tools;
        this.tasks = tasks;
        if (tools == null) {
            message.set("The audit trail is not available in this session.");
        }
    }

    public ObjectProperty<LocalDate> sinceProperty() {
        return since;
    }

    public ObjectProperty<LocalDate> untilProperty() {
        return until;
    }

    public StringProperty userProperty() {
        return user;
    }

    public StringProperty macProperty() {
        return mac;
    }

    public StringProperty actionProperty() {
        return action;
    }

    public StringProperty resultProperty() {
        return result;
    }

    public ObservableList<AuditEntry> rows() {
        return rows;
    }

    public ObservableList<String> users() {
        return users;
    }

    public ObservableList<String> actions() {
        return actions;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public StringProperty chainProperty() {
        return chain;
    }

    public BooleanProperty chainBrokenProperty() {
        return chainBroken;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public StringProperty cacheInfoProperty() {
        return cacheInfo;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public ObservableList<AuditService.TimelineEntry> timeline() {
        return timeline;
    }

    public StringProperty timelineTitleProperty() {
        return timelineTitle;
    }

    /** The filter as a query; a MAC that does not parse is reported, not sent. */
    AuditQuery query() {
        Mac m = null;
        String text = mac.get() == null ? "" : mac.get().trim();
        if (!text.isEmpty()) {
            m = Mac.parse(text);
        }
        Instant from = since.get() == null ? null : since.get().atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = until.get() == null ? null : until.get().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return new AuditQuery(from, to, blankToNull(user.get()), m, blankToNull(action.get()), blankToNull(result.get()), 0);
    }

    public void refresh() {
        if (tools == null) {
            return;
        }
        AuditQuery q;
        try {
            q = query();
        } catch (GatehouseException e) {
            message.set(e.getMessage());
            return;
        }
        loading.set(true);
        // latest wins: a slow older query (a wide filter) never replaces the rows of the one typed after it
        tasks.execute(BackgroundTask.wrap(() -> new Loaded(tools.audit().query(q), tools.audit().users(), tools.audit().actions(),
                tools.cache().sizeInfo().describe())).latestWins(queryKey).onSuccess(l -> {
                    loading.set(false);
                    List<AuditEntry> newestFirst = new ArrayList<>(l.rows());
                    java.util.Collections.reverse(newestFirst);
                    rows.setAll(newestFirst);
                    keepSelection(users, l.users(), user);
                    keepSelection(actions, l.actions(), action);
                    cacheInfo.set(l.cacheInfo());
                    message.set("");
                    summary.set(rows.size() == 1 ? "1 row" : rows.size() + " rows");
                }).onException(e -> {
                    loading.set(false);
                    message.set("Cannot read the audit trail: " + why(e));
                }));
    }

    private record Loaded(List<AuditEntry> rows, List<String> users, List<String> actions, String cacheInfo) {
    }

    private static void keepSelection(ObservableList<String> list, List<String> values, StringProperty selected) {
        String keep = selected.get();
        List<String> withAny = new ArrayList<>();
        withAny.add(null);
        withAny.addAll(values);
        if (!withAny.equals(list)) {
            list.setAll(withAny);
        }
        selected.set(keep);
    }

    public void clearFilters() {
        since.set(null);
        until.set(null);
        user.set(null);
        mac.set("");
        action.set(null);
        result.set(null);
        refresh();
    }

    public void verify() {
        if (tools == null) {
            return;
        }
        chain.set("Checking the chain …");
        tasks.run(() -> tools.audit().verify(), st -> {
            chainBroken.set(!st.ok());
            chain.set(st.ok() ? "Chain intact: " + st.rows() + " rows, head " + st.head().substring(0, 16) + "…"
                    : "Chain BROKEN at row " + st.firstBadId() + ": " + st.problem());
        }, e -> chain.set("Cannot check the chain: " + why(e)));
    }

    /** Writes the rows shown (the current filter) to {@code file}; {@code done} gets a message. */
    public void export(Path file, AuditService.ExportFormat format) {
        List<AuditEntry> shown = new ArrayList<>(rows);
        java.util.Collections.reverse(shown); // files read oldest first
        tasks.run(() -> tools.audit().export(shown, format, file),
                n -> message.set("Exported " + n + " rows to " + file), e -> message.set("Export failed: " + why(e)));
    }

    /** Lease history and audit rows of the device of {@code e} (its MAC). */
    public void showTimeline(AuditEntry e) {
        if (e == null || e.mac() == null) {
            timelineTitle.set("This row concerns no device");
            timeline.clear();
            return;
        }
        showTimeline(Mac.parse(e.mac()));
    }

    public void showTimeline(Mac m) {
        timelineTitle.set("Timeline of " + m + " …");
        tasks.execute(BackgroundTask.wrap(() -> tools.audit().timeline(m)).latestWins(timelineKey).onSuccess(list -> {
            timeline.setAll(list);
            timelineTitle.set("Timeline of " + m + " (" + list.size() + " events)");
        }).onException(e -> timelineTitle.set("Cannot read the timeline: " + why(e))));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
