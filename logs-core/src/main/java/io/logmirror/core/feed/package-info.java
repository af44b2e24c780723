/**
 * The feeds every feature hangs on: the {@link io.logmirror.core.feed.ChangeFeed change feed} (one sequenced event
 * per change to the mirror, replayable from a sequence number) and the {@link io.logmirror.core.feed.LineFeed line
 * feed} (the complete new lines of every file, in order). Subscribers are never called on transfer threads: each has
 * its own bounded queue, and one that falls behind is told what it missed instead of slowing anyone down.
 */
package io.logmirror.core.feed;
