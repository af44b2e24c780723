/**
 * Sinks: ship the mirror's lines to another system (Grafana Loki, OpenSearch, or your own) at least once.
 *
 * <p>A {@link io.logmirror.core.sink.LogSink} reads the {@link io.logmirror.core.feed.LineFeed line feed} on its own
 * thread and hands batches to a {@link io.logmirror.core.sink.SinkBackend}. Its {@link
 * io.logmirror.core.sink.CursorStore cursor} per file (a byte offset) advances only when the backend accepts a batch,
 * so after a restart or an outage of any length the sink reads on from the store and resends at most the batches that
 * were not acknowledged. Plug in a system of your own by implementing {@code SinkBackend}.
 */
package io.logmirror.core.sink;
