package io.logmirror.retention.internal;

import com.github.luben.zstd.ZstdDecompressCtx;

import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * A few zstd decompression contexts shared by every reader: making one per frame costs about a fifth of decompressing
 * a 1 MiB frame. At most {@link #KEPT} idle contexts are kept (a context holds about 100 KiB of native memory);
 * beyond that a context is closed when returned. Thread-safe.
 */
final class DecompressContexts {

    static final int KEPT = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
    private static final BlockingDeque<ZstdDecompressCtx> IDLE = new LinkedBlockingDeque<>(KEPT); // last in, first out

    private DecompressContexts() {
    }

    static ZstdDecompressCtx borrow() {
        ZstdDecompressCtx ctx = IDLE.pollFirst();
        return ctx != null ? ctx : new ZstdDecompressCtx();
    }

    /** Returns a context after a successful decompression; one that failed is closed by the caller instead. */
    static void giveBack(ZstdDecompressCtx ctx) {
        ctx.reset();
        if (!IDLE.offerFirst(ctx)) {
            ctx.close();
        }
    }
}
