/**
 * Live follow: {@code GET /logs/follow} (server-sent events) and {@code GET /logs/stream} (WebSocket) send the new
 * lines of one file or of a set of files as the mirror commits them, from the mirror's line feed. Each client has a
 * bounded queue of its own; a client that falls behind gets one {@code dropped} event and the stream goes on, so no
 * client ever slows a sync or another client.
 */
package io.logmirror.app.follow;
