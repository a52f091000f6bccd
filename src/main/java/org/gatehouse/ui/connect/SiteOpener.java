package org.gatehouse.ui.connect;

import java.util.Optional;
import org.gatehouse.policy.CacheService;
import org.gatehouse.policy.SiteAging;
import org.gatehouse.ui.ConsoleContext;
import org.gatehouse.ui.task.TaskExecutor;

/**
 * Builds the console's services for a site (wiring: implemented in {@code app}). Opening does
 * I/O (the cache, the demo's Kea): call it through a background task.
 */
public interface SiteOpener {

    /**
     * An open site: the context the screens are built from, the site-wide settings Settings edits
     * (absent when that part is not there), and how to close it all.
     */
    record OpenSite(String title, ConsoleContext context, Optional<SiteAging> aging, Optional<CacheService> cache, Runnable close) {
    }

    OpenSite open(String profile, TaskExecutor tasks);

    /** Starts the demo (a private Kea, its devices and a simulated switch); closing the site stops it. */
    OpenSite demo(TaskExecutor tasks);
}
