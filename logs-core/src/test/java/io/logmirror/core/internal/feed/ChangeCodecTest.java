package io.logmirror.core.internal.feed;

import io.logmirror.core.Category;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogEvent;
import io.logmirror.core.LogPath;
import io.logmirror.core.feed.Change;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeCodecTest {

    private static final LogEntry ENTRY = new LogEntry(LogPath.of("job-1/slurm-1.out"), Category.SLURM, 42,
            Instant.ofEpochSecond(1_700_000_000L, 5), false, 0);

    /** The payload of an encoded record, positioned at its start. */
    private static ByteBuffer payloadOf(Change change) {
        ByteBuffer record = ChangeCodec.newBuffer();
        ChangeCodec.encode(change, record);
        int length = record.getInt(0);
        assertThat(record.getInt(4)).isEqualTo(ChangeCodec.crc(record.array(), ChangeCodec.HEADER, length));
        return ByteBuffer.wrap(record.array(), ChangeCodec.HEADER, length).slice();
    }

    @Test
    void decodesWhatItEncodesForEveryKindOfEvent() throws Exception {
        LogEntry kept = new LogEntry(LogPath.of("dir/ü é.log"), Category.of("x_y-z"), 0,
                Instant.ofEpochSecond(-1, 999_999_999), true, 3);
        for (LogEvent event : List.of(new LogEvent.Added(ENTRY), new LogEvent.Appended(ENTRY, 7),
                new LogEvent.Replaced(ENTRY, kept), new LogEvent.Gone(kept), new LogEvent.Returned(ENTRY),
                new LogEvent.Removed(kept))) {
            Change change = new Change(123_456_789_012L, event);
            assertThat(ChangeCodec.decode(payloadOf(change))).isEqualTo(change);
        }
    }

    @Test
    void theLargestPossibleRecordFitsTheBuffer() throws Exception {
        String longPath = ("d".repeat(255) + "/").repeat(15) + "f".repeat(255);
        assertThat(longPath.length()).isLessThanOrEqualTo(LogPath.MAX_PATH_BYTES);
        Category longCategory = Category.of("c".repeat(64));
        LogEntry big = new LogEntry(LogPath.of(longPath), longCategory, Long.MAX_VALUE, Instant.MAX, true,
                Integer.MAX_VALUE);
        Change change = new Change(Long.MAX_VALUE, new LogEvent.Replaced(big, big));

        ByteBuffer payload = payloadOf(change);

        assertThat(payload.remaining()).isLessThanOrEqualTo(ChangeCodec.MAX_PAYLOAD);
        assertThat(ChangeCodec.decode(payload)).isEqualTo(change);
    }

    @Test
    void refusesAnUnknownKindOfChange() {
        ByteBuffer payload = payloadOf(new Change(1, new LogEvent.Added(ENTRY)));
        payload.put(8, (byte) 'Q');

        assertThatThrownBy(() -> ChangeCodec.decode(payload))
                .isInstanceOf(ChangeCodec.CorruptRecordException.class)
                .hasMessageContaining("unknown change kind");
    }

    @Test
    void refusesARecordShorterThanItsFieldsOrWithBytesLeftOver() {
        ByteBuffer whole = payloadOf(new Change(1, new LogEvent.Appended(ENTRY, 3)));
        ByteBuffer cut = whole.duplicate().limit(whole.limit() - 4);
        assertThatThrownBy(() -> ChangeCodec.decode(cut))
                .isInstanceOf(ChangeCodec.CorruptRecordException.class)
                .hasMessageContaining("shorter than its fields");

        ByteBuffer added = payloadOf(new Change(1, new LogEvent.Added(ENTRY)));
        ByteBuffer longer = ByteBuffer.allocate(added.remaining() + 2).put(added).put((byte) 0).put((byte) 0).flip();
        assertThatThrownBy(() -> ChangeCodec.decode(longer))
                .isInstanceOf(ChangeCodec.CorruptRecordException.class)
                .hasMessageContaining("2 bytes after the change");
    }

    @Test
    void refusesAPathOrCategoryThatIsNotValid() {
        ByteBuffer payload = payloadOf(new Change(1, new LogEvent.Added(ENTRY)));
        payload.put(8 + 1 + 2, (byte) '/'); // the path's first byte: now absolute
        assertThatThrownBy(() -> ChangeCodec.decode(payload))
                .isInstanceOf(ChangeCodec.CorruptRecordException.class)
                .hasMessageContaining("absolute");

        ByteBuffer other = payloadOf(new Change(1, new LogEvent.Added(ENTRY)));
        int categoryStart = 8 + 1 + 2 + ENTRY.path().toString().length() + 1;
        other.put(categoryStart, (byte) 'S'); // upper case is not a category name
        assertThatThrownBy(() -> ChangeCodec.decode(other))
                .isInstanceOf(ChangeCodec.CorruptRecordException.class)
                .hasMessageContaining("invalid category name");
    }
}
