/**
 * Retention and compression for a mirror: {@link io.logmirror.retention.RetentionPolicy} (per-category limits from a
 * YAML file, a budget, when to compress), {@link io.logmirror.retention.Retention} (plan, dry run, run, last report),
 * {@link io.logmirror.retention.FileCompressor} (crash-safe in-place compression in zstd's seekable format) and
 * {@link io.logmirror.retention.StoredLogFile} (reads a stored file, plain or compressed, by range and tail). With this
 * module on the class path the store reads compressed files through its {@code StoredFormat} seam.
 * See docs/retention.md.
 */
package io.logmirror.retention;
