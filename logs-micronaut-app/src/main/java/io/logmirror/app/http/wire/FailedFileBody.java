package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A file a sync could not bring up to date, in the {@code failures} list of {@code GET /status}'s
 * {@code last_changes} and of {@code POST /sync/trigger}. What was mirrored of it before stays served; the next
 * sync retries it.
 *
 * @param path   where the file is (or will be) in the mirror, as {@code /logs/content} takes it: {@code logs/<path on
 *               the remote>}; a name of more than 200 characters is cut and ends with {@code ...}
 * @param reason what went wrong and what to do, such as "could not be synced (cannot write ... (No space left on
 *               device); free space (or inodes) on the data folder's disk, or check that it is writable); what is on
 *               disk is kept and the next sync retries it"
 */
@Serdeable
public record FailedFileBody(@JsonProperty("path") String path,
                             @JsonProperty("reason") String reason) {
}
