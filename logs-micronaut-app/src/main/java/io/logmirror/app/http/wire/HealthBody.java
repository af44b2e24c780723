package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code GET /health}.
 *
 * @param status        always {@code healthy}
 * @param service       always {@code logs}
 * @param sshConfigured whether the service mirrors over SSH (ssh mode)
 * @param syncRunning   whether a sync runs now
 */
@Serdeable
public record HealthBody(@JsonProperty("status") String status,
                         @JsonProperty("service") String service,
                         @JsonProperty("ssh_configured") boolean sshConfigured,
                         @JsonProperty("sync_running") boolean syncRunning) {
}
