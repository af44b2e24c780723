package io.logmirror.app.follow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The JSON data of the follow events (docs/api.md, "Live follow"). */
final class FollowBodies {

    private FollowBodies() {
    }

    /**
     * A {@code line} event.
     *
     * @param path       {@code logs/<path>}, usable as {@code /logs/content?path=}
     * @param offset     the byte offset of the line's first byte
     * @param lineNumber the line's number in the file, from 1
     * @param line       the line without its line end, decoded as UTF-8 (malformed bytes become U+FFFD)
     * @param time       the line's own time in the service's local time, when the file has recognized times
     * @param level      the line's level, when it shows one
     * @param continues  true on every piece but the last of a line longer than 64 KiB
     */
    @Serdeable
    record Line(@JsonProperty("path") String path,
                @JsonProperty("offset") long offset,
                @JsonProperty("line_number") long lineNumber,
                @JsonProperty("line") String line,
                @JsonProperty("time") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String time,
                @JsonProperty("level") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String level,
                @JsonProperty("continues") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean continues) {
    }

    /**
     * A {@code replaced} or {@code gone} event.
     *
     * @param path       {@code logs/<path>}
     * @param generation the generation the mirror keeps of the old content ({@code replaced} only)
     */
    @Serdeable
    record Marker(@JsonProperty("path") String path,
                  @JsonProperty("generation") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer generation) {
    }

    /**
     * A {@code dropped} event: lines this client fell too far behind to receive.
     *
     * @param count    how many lines (or, with {@code changes} set, how many whole changes) were not sent
     * @param path     the file of the first line dropped
     * @param offset   re-read from here ({@code /logs/content?path=..&offset=}) to get them
     * @param sequence following a set: the change sequence of the first line dropped
     * @param sinceId  resume a new follow from here ({@code since_id=}) to get them as events
     * @param changes  true when {@code count} counts feed changes (the mirror's own feed overflowed), not lines
     */
    @Serdeable
    record Dropped(@JsonProperty("count") long count,
                   @JsonProperty("path") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String path,
                   @JsonProperty("offset") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long offset,
                   @JsonProperty("sequence") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long sequence,
                   @JsonProperty("since_id") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String sinceId,
                   @JsonProperty("changes") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean changes) {
    }
}
