package io.logmirror.retention.internal;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;

import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * A few zstd contexts shared by every reader and writer: making a decompression context per frame costs about a fifth
 * of decompressing a 1 MiB frame, and a compression context per file allocates its native tables again. At most
 * {@link #KEPT} idle contexts of each kind are kept (a few hundred KiB of native memory each); beyond that a context
 * is closed when returned. A context that failed is closed by its user, not returned. Thread-safe.
 */
final class Contexts {

    static final int KEPT = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
    private static final BlockingDeque<ZstdDecompressCtx> IDLE = new LinkedBlockingDeque<>(KEPT); // last in, first out
    private static final BlockingDeque<ZstdCompressCtx> IDLE_COMPRESSORS = new LinkedBlockingDeque<>(KEPT);

    private Contexts() {
    }

    /** A compression context; its parameters are reset, set them before use. */
    static ZstdCompressCtx borrowCompressor() {
        ZstdCompressCtx ctx = IDLE_COMPRESSORS.pollFirst();
        return ctx != null ? ctx : new ZstdCompressCtx();
    }

    static void giveBack(ZstdCompressCtx ctx) {
        ctx.reset();
        if (!IDLE_COMPRESSORS.offerFirst(ctx)) {
            ctx.close();
        }
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
