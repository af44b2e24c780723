/**
 * The JSON bodies of the HTTP API, as records whose component order is the order of the fields on the wire.
 * Field names follow the original service (snake_case); see {@code docs/api.md}.
 */
package io.logmirror.app.http.wire;
