package org.gatehouse.kea;

import org.gatehouse.model.Failure;
import com.fasterxml.jackson.databind.JsonNode;

/** What every configuration write shares: config-write right after config-set, or the previous config set back. */
final class ConfigWrites {
    private ConfigWrites() {
    }

    /**
     * Persists what config-set applied. If config-write fails, {@code previous} is set back so that
     * the running and the persisted configuration never differ, and the caller learns nothing changed.
     */
    static void persistOrRollBack(KeaClient kea, JsonNode previous) {
        try {
            kea.execute(new ConfigCommands.ConfigWrite());
        } catch (KeaException writeFailed) {
            String why = writeFailed.getMessage();
            try {
                kea.execute(new ConfigCommands.ConfigSet(previous));
            } catch (KeaException rollbackFailed) {
                throw new NotPersisted("Kea applied the change but config-write failed (" + why
                        + ") and setting the previous configuration back failed too (" + rollbackFailed.getMessage()
                        + "); Kea's running configuration differs from its file until it restarts", 
                        writeFailed.failure() == Failure.UNREACHABLE ? 3 : 1, writeFailed);
            }
            throw new NotPersisted("config-write failed (" + why + "); the previous configuration was set back, nothing changed",
                    writeFailed.failure() == Failure.UNREACHABLE ? 3 : 1, writeFailed);
        }
    }

}
