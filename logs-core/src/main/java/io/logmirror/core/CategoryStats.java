package io.logmirror.core;

import java.time.Instant;
import java.util.Optional;

/**
 * Totals over the current files of one category.
 *
 * @param category       the category
 * @param fileCount      how many files
 * @param totalBytes     their sizes added up
 * @param latestModified the newest modification time among them; empty when there are none
 */
public record CategoryStats(Category category, long fileCount, long totalBytes, Optional<Instant> latestModified) {
}
