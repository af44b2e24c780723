package io.logmirror.app;

import io.logmirror.app.config.AppSettings;
import io.logmirror.app.config.Mode;
import io.logmirror.core.LogMirror;
import io.micronaut.runtime.server.event.ServerShutdownEvent;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the sync schedule once the HTTP server listens (a sync now, then one {@code SYNC_INTERVAL} after
 * each ends) and says where the mirror comes from. Shutdown (SIGTERM included) closes the engine through its
 * bean's {@code close()}.
 */
@Singleton
public class MirrorLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(MirrorLifecycle.class);

    private final LogMirror mirror;
    private final AppSettings settings;

    public MirrorLifecycle(LogMirror mirror, AppSettings settings) {
        this.mirror = mirror;
        this.settings = settings;
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        String source = mirror.config().source().describe();
        switch (settings.mode()) {
            case DEMO -> LOG.warn("DEMO MODE: no SSH_HOST is configured, so the service mirrors a built-in fake cluster "
                    + "whose synthetic logs keep growing. Set SSH_HOST and SSH_USER (see docs/configuration.md) to mirror "
                    + "the real cluster.");
            case OFFLINE -> LOG.warn("OFFLINE: no remote is configured (LOGS_MODE=offline); serving {} as it is, "
                    + "nothing syncs", settings.dataDir());
            default -> LOG.info("Mirroring {} into {} every {} s", source, settings.dataDir(), settings.syncInterval().toSeconds());
        }
        if (settings.mode() != Mode.OFFLINE) {
            mirror.start();
        }
    }

    @EventListener
    void onShutdown(ServerShutdownEvent event) {
        LOG.info("Stopping: the mirror in {} closes after the server (a running sync is cancelled cleanly)", settings.dataDir());
    }
}
