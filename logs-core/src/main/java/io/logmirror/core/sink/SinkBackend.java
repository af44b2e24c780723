package io.logmirror.core.sink;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The system a {@link LogSink} ships lines to: implement this to plug in your own. A backend only sends; batching,
 * cursors, retries and catch-up are the sink's.
 *
 * <pre>{@code
 * SinkBackend stdout = new SinkBackend() {
 *     public String name() { return "stdout"; }
 *     public Result send(List<SinkLine> batch) {
 *         batch.forEach(l -> System.out.println(l.line().text()));
 *         return Result.accepted();
 *     }
 * };
 * }</pre>
 *
 * <p>{@link #send} is called from one sink thread at a time, never concurrently, and may block (it is never called on a
 * transfer thread). A batch may be sent again after a failure or a restart, so a backend that can should make
 * resending harmless (for example with deterministic document ids).
 */
public interface SinkBackend extends AutoCloseable {

    /** A short name for logs and statistics, such as {@code loki}. */
    String name();

    /**
     * Sends one batch (never empty, at most {@link SinkOptions#maxBatchBytes()} as measured by {@link #sizeOf}, give or
     * take one line).
     *
     * @return whether the backend took the batch
     * @throws IOException when the backend could not be reached or broke off; the sink retries like {@link Result#retry}
     * @throws InterruptedException when the sink is closing
     */
    Result send(List<SinkLine> batch) throws IOException, InterruptedException;

    /** The bytes a line adds to a batch, for the batch size limit. The default: its bytes plus 64 for the framing. */
    default long sizeOf(SinkLine line) {
        return line.line().bytes().length + 64L;
    }

    /** Releases what the backend holds (connections). The default does nothing. */
    @Override
    default void close() {
    }

    /**
     * What a backend made of a batch.
     *
     * @param status  accepted, rejected for good, or to be retried
     * @param dropped how many lines of an accepted batch the backend refused for good (the rest were stored)
     * @param detail  what the backend said, for logs and {@link SinkStats#lastError()}; empty when all went well
     */
    record Result(Status status, int dropped, String detail) {

        public Result {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
            if (dropped < 0) {
                throw new IllegalArgumentException("dropped must not be negative, was " + dropped);
            }
        }

        /** The whole batch was stored. */
        public static Result accepted() {
            return new Result(Status.ACCEPTED, 0, "");
        }

        /** The batch was stored except {@code dropped} lines that the backend refused for good. */
        public static Result partlyAccepted(int dropped, String detail) {
            return new Result(Status.ACCEPTED, dropped, detail);
        }

        /** The backend refused the batch for good (a malformed or too old batch): drop it and count its lines. */
        public static Result rejected(String detail) {
            return new Result(Status.REJECTED, 0, detail);
        }

        /** A passing failure (overload, server error): send the same batch again after a back-off. */
        public static Result retry(String detail) {
            return new Result(Status.RETRY, 0, detail);
        }
    }

    /** See {@link Result}. */
    enum Status { ACCEPTED, REJECTED, RETRY }
}
