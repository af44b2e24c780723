package io.logmirror.testkit;

import io.logmirror.fakecluster.FakeRemote;
import io.logmirror.core.RemoteFile;
import io.logmirror.core.RemoteListing;
import io.logmirror.core.RemoteSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

/** Content and remotes the mirror tests of this module share. */
final class MirrorFixtures {

    private MirrorFixtures() {
    }

    /** Makes the listing of a remote that otherwise reads from a {@link FakeRemote}. */
    @FunctionalInterface
    interface Listing {
        RemoteListing list() throws IOException;
    }

    /** Printable pseudo-random lines, different for each seed, so that a wrong offset shows. */
    static byte[] bytes(int size, long seed) {
        Random random = new Random(seed);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = (i % 80 == 79) ? (byte) '\n' : (byte) ('a' + random.nextInt(26));
        }
        return out;
    }

    /** A remote that lists with {@code listing} and opens and describes files as {@code remote} does. */
    static RemoteSource listingFrom(FakeRemote remote, Listing listing) {
        return new RemoteSource() {
            @Override
            public RemoteListing list() throws IOException {
                return listing.list();
            }

            @Override
            public InputStream open(RemoteFile file, long offset, long length) throws IOException {
                return remote.open(file, offset, length);
            }

            @Override
            public String describe() {
                return remote.describe();
            }
        };
    }
}
