/**
 * Where a module outside the core plugs into the store: {@link io.logmirror.core.spi.StoredFormat}, another way of
 * storing a mirrored file (compressed, say) that every reader reads back transparently.
 */
package io.logmirror.core.spi;
