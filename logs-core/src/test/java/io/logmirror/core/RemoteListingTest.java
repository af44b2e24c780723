package io.logmirror.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemoteListingTest {

    @Test
    void isAnImmutableCopyOfWhatItWasGiven() {
        List<RemoteFile> files = new ArrayList<>();
        RemoteListing listing = new RemoteListing(files, List.of());
        files.add(RemoteFile.of(LogPath.of("a"), 1, Instant.EPOCH));

        assertThat(listing.files()).isEmpty();
        assertThatThrownBy(() -> listing.skipped().add(new SkippedEntry("x", "y")))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
