package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The answer of {@code GET /errors}.
 *
 * @param groups   the groups, the most frequent first
 * @param complete false while the files mirrored before start-up are still being read (counts may be short)
 */
@Serdeable
public record ErrorsBody(@JsonProperty("groups") List<ErrorGroupBody> groups,
                         @JsonProperty("complete") boolean complete) {
}
