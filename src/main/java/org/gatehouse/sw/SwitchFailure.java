package org.gatehouse.sw;

import java.util.List;
import org.gatehouse.model.Failure;
import org.gatehouse.model.GatehouseException;

/**
 * The switch refused a command (exit 1) or could not be reached or did not answer in time
 * (exit 3). Carries the configuration commands that had already been accepted in the batch, so
 * that a batch cut short says exactly what is now on the switch (and that it was not saved).
 */
public final class SwitchFailure extends GatehouseException {
    private final String endpoint;
    private final int exitCode;
    private final List<String> applied;
    private final boolean saved;

    public SwitchFailure(String endpoint, String why, int exitCode, List<String> applied, boolean saved, Throwable cause) {
        super(why + appliedNote(applied, saved), cause);
        this.endpoint = endpoint;
        this.exitCode = exitCode;
        this.applied = List.copyOf(applied);
        this.saved = saved;
    }

    public SwitchFailure(String endpoint, String why, int exitCode) {
        this(endpoint, why, exitCode, List.of(), false, null);
    }

    private static String appliedNote(List<String> applied, boolean saved) {
        if (applied.isEmpty()) {
            return "";
        }
        return " (already applied" + (saved ? " and saved" : ", NOT saved") + ": " + String.join(" / ", applied) + ")";
    }

    /** Configuration lines the switch accepted before the failure. */
    public List<String> applied() {
        return applied;
    }

    public boolean saved() {
        return saved;
    }

    @Override
    public Failure failure() {
        return Failure.ofExitCode(exitCode);
    }

    @Override
    public String what() {
        return endpoint;
    }
}
