package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /sync/trigger}: the files per category after the sync, every category present, then (added)
 * the files the sync could not bring up to date. A sync in which some files failed (a full disk, say) still completed:
 * it answers 200 and {@code success}, as the original's clients expect, and says so in {@code message}.
 *
 * @param status      always {@code success} (a sync that failed as a whole answers 500)
 * @param message     {@code Log sync completed}, the original's text, when every file synced; else followed by
 *                    {@code ; <n> files could not be synced (see failures)}
 * @param categories  current files per category, in display order
 * @param filesFailed files this sync could not bring up to date, all counted
 * @param failures    the first of them by path (at most 20), with the reason; empty when none failed
 */
@Serdeable
public record TriggerBody(@JsonProperty("status") String status,
                          @JsonProperty("message") String message,
                          @JsonProperty("categories") Map<String, Long> categories,
                          @JsonProperty("files_failed") long filesFailed,
                          @JsonProperty("failures") List<FailedFileBody> failures) {
}
