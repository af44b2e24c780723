package io.logmirror.retention.internal;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContextsTest {

    @Test
    void handsAReturnedContextOutAgainAndItStillDecompresses() {
        ZstdDecompressCtx first = Contexts.borrow();
        Contexts.giveBack(first);
        ZstdDecompressCtx again = Contexts.borrow();
        try {
            assertThat(again).isSameAs(first);
            byte[] plain = "some bytes, some bytes, some bytes\n".getBytes();
            byte[] frame = Zstd.compress(plain);
            byte[] out = new byte[plain.length];
            assertThat(again.decompressByteArray(out, 0, out.length, frame, 0, frame.length)).isEqualTo(plain.length);
            assertThat(out).isEqualTo(plain);
        } finally {
            Contexts.giveBack(again);
        }
    }

    @Test
    void handsAReturnedCompressorOutAgainWithItsParametersReset() {
        ZstdCompressCtx first = Contexts.borrowCompressor();
        first.setLevel(19);
        first.setChecksum(true);
        Contexts.giveBack(first);
        ZstdCompressCtx again = Contexts.borrowCompressor();
        try {
            assertThat(again).isSameAs(first);
            byte[] plain = "some bytes, some bytes, some bytes\n".getBytes();
            byte[] frame = again.compress(plain);
            assertThat(frame[4] & 0x04).as("checksum flag after reset").isZero();
            assertThat(Zstd.decompress(frame, plain.length)).isEqualTo(plain);
        } finally {
            Contexts.giveBack(again);
        }
    }

    @Test
    void keepsNoMoreIdleContextsThanItsLimit() {
        List<ZstdDecompressCtx> borrowed = new ArrayList<>();
        for (int i = 0; i < Contexts.KEPT + 3; i++) {
            borrowed.add(Contexts.borrow());
        }
        borrowed.forEach(Contexts::giveBack);
        List<ZstdDecompressCtx> again = new ArrayList<>();
        for (int i = 0; i < Contexts.KEPT + 3; i++) {
            again.add(Contexts.borrow());
        }
        assertThat(again.stream().filter(borrowed::contains).count()).isEqualTo(Contexts.KEPT);
        again.forEach(Contexts::giveBack);
    }
}
