package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A remote entry a sync left out on purpose, in the {@code skipped} list of {@code GET /status}'s
 * {@code last_changes}: a name that cannot be a safe local path, a special file, a symlink out of the folder, an
 * excluded pattern. Unlike a failure, it is not retried until the remote changes it.
 *
 * @param name   the entry's name on the remote, relative to the mirrored folder, made printable: control
 *               characters written as {@code \\uXXXX}, cut after 200 characters with {@code ...}
 * @param reason why it was left out, such as "not a regular file" or "excluded by the pattern '*.tmp'"
 */
@Serdeable
public record SkippedNameBody(@JsonProperty("name") String name,
                              @JsonProperty("reason") String reason) {
}
