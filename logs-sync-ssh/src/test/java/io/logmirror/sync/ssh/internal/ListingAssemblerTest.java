package io.logmirror.sync.ssh.internal;

import io.logmirror.core.RemoteFile;
import io.logmirror.core.RemoteListing;
import io.logmirror.core.SkippedEntry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ListingAssemblerTest {

    private static final Instant T = Instant.ofEpochSecond(1_700_000_000L);
    private static final ListingAssembler.LinkResolver NO_LINKS = carrier -> {
        throw new IOException("no links expected");
    };

    @Test
    void skipsNamesThatAreNotValidLogPathsAndSpecialFiles() {
        RemoteListing listing = ListingAssembler.assemble(List.of(
                new RawEntry("ok.log", 'f', 1, T),
                new RawEntry("bad\u0001.log", 'f', 1, T),
                new RawEntry("fifo", 'p', 0, T),
                new RawEntry("sock", 's', 0, T),
                new RawEntry("sub", 'd', 0, T)), NO_LINKS, List.of());

        assertThat(listing.files()).extracting(f -> f.path().toString()).containsExactly("ok.log");
        assertThat(listing.skipped()).extracting(SkippedEntry::name).containsExactly("bad\\u0001.log", "fifo", "sock");
        assertThat(listing.skipped().get(0).reason()).contains("not a valid log path");
        assertThat(listing.skipped().get(2).reason()).contains("socket");
    }

    @Test
    void keepsTheRawNameOfANonUtf8FileAsItsSourceName() {
        RemoteListing listing = ListingAssembler.assemble(List.of(new RawEntry("x\u00ff.log", 'f', 1, T)), NO_LINKS, List.of());

        RemoteFile file = listing.files().get(0);
        assertThat(file.path().toString()).isEqualTo("x%FF.log");
        assertThat(file.sourceName()).isEqualTo("x\u00ff.log");
        assertThat(ListingAssembler.carrierOf(file)).isEqualTo("x\u00ff.log");
    }

    @Test
    void sendsUtf8BytesForAValidName() {
        RemoteFile file = RemoteFile.of(io.logmirror.core.LogPath.of("é.log"), 1, T);

        assertThat(ListingAssembler.carrierOf(file)).isEqualTo("\u00c3\u00a9.log");
    }

    @Test
    void skipsANonUtf8NameWhoseEscapedFormCollidesWithARealFile() {
        RemoteListing listing = ListingAssembler.assemble(List.of(
                new RawEntry("x%FF.log", 'f', 1, T),
                new RawEntry("x\u00ff.log", 'f', 2, T)), NO_LINKS, List.of());

        assertThat(listing.files()).singleElement().satisfies(f -> assertThat(f.size()).isEqualTo(1));
        assertThat(listing.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains("already maps"));
    }

    @Test
    void givesALinkToAFileInsideTheFolderTheTargetsSizeAndTime() {
        RemoteListing listing = ListingAssembler.assemble(List.of(
                new RawEntry("target.log", 'f', 42, T),
                new RawEntry("link.log", 'l', 10, T.plusSeconds(5)),
                new RawEntry("away.log", 'l', 10, T)),
                carrier -> carrier.equals("link.log") ? Optional.of("target.log") : Optional.empty(), List.of());

        assertThat(listing.files()).extracting(f -> f.path().toString(), RemoteFile::size, RemoteFile::modified)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("target.log", 42L, T),
                        org.assertj.core.groups.Tuple.tuple("link.log", 42L, T));
        assertThat(listing.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains("outside"));
    }
}
