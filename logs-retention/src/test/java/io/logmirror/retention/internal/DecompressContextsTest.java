package io.logmirror.retention.internal;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDecompressCtx;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DecompressContextsTest {

    @Test
    void handsAReturnedContextOutAgainAndItStillDecompresses() {
        ZstdDecompressCtx first = DecompressContexts.borrow();
        DecompressContexts.giveBack(first);
        ZstdDecompressCtx again = DecompressContexts.borrow();
        try {
            assertThat(again).isSameAs(first);
            byte[] plain = "some bytes, some bytes, some bytes\n".getBytes();
            byte[] frame = Zstd.compress(plain);
            byte[] out = new byte[plain.length];
            assertThat(again.decompressByteArray(out, 0, out.length, frame, 0, frame.length)).isEqualTo(plain.length);
            assertThat(out).isEqualTo(plain);
        } finally {
            DecompressContexts.giveBack(again);
        }
    }

    @Test
    void keepsNoMoreIdleContextsThanItsLimit() {
        List<ZstdDecompressCtx> borrowed = new ArrayList<>();
        for (int i = 0; i < DecompressContexts.KEPT + 3; i++) {
            borrowed.add(DecompressContexts.borrow());
        }
        borrowed.forEach(DecompressContexts::giveBack);
        List<ZstdDecompressCtx> again = new ArrayList<>();
        for (int i = 0; i < DecompressContexts.KEPT + 3; i++) {
            again.add(DecompressContexts.borrow());
        }
        assertThat(again.stream().filter(borrowed::contains).count()).isEqualTo(DecompressContexts.KEPT);
        again.forEach(DecompressContexts::giveBack);
    }
}
