package io.logmirror.core.internal.feed;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LineSplitterTest {

    /** A line or piece as the splitter hands it on. */
    record Piece(long offset, long lineNumber, String text, boolean continues) {
    }

    private static LineSplitter.Sink into(List<Piece> pieces) {
        return (offset, number, bytes, continues) ->
                pieces.add(new Piece(offset, number, new String(bytes, StandardCharsets.ISO_8859_1), continues));
    }

    /** Feeds {@code content} in chunks of the given sizes (the last chunk takes the rest). */
    private static List<Piece> split(String content, int maxPiece, int... chunks) {
        byte[] bytes = content.getBytes(StandardCharsets.ISO_8859_1);
        List<Piece> pieces = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(maxPiece, 0, 1);
        int at = 0;
        for (int chunk : chunks) {
            int n = Math.min(chunk, bytes.length - at);
            splitter.feed(bytes, at, n, into(pieces));
            at += n;
        }
        splitter.feed(bytes, at, bytes.length - at, into(pieces));
        return pieces;
    }

    /** The rules written as plainly as possible: the reference the splitter must agree with. */
    private static List<Piece> reference(byte[] bytes, int maxPiece) {
        List<Piece> pieces = new ArrayList<>();
        long number = 1;
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                int at = start;
                while (end - at > maxPiece) {
                    pieces.add(new Piece(at, number, text(bytes, at, at + maxPiece), true));
                    at += maxPiece;
                }
                pieces.add(new Piece(at, number, text(bytes, at, end), false));
                number++;
                start = i + 1;
            }
        }
        int at = start; // the unfinished line: full pieces go on once more bytes follow them
        while (bytes.length - at > maxPiece) {
            pieces.add(new Piece(at, number, text(bytes, at, at + maxPiece), true));
            at += maxPiece;
        }
        return pieces;
    }

    private static String text(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

    @Test
    void splitsAtNewlinesAndDropsTheCrOfCrLfButKeepsALoneCr() {
        assertThat(split("a\r\nb\rc\n\n", 100)).containsExactly(
                new Piece(0, 1, "a", false), new Piece(3, 2, "b\rc", false), new Piece(7, 3, "", false));
    }

    @Test
    void holdsTheUnfinishedLineUntilItsNewlineAndFlushesItOnRequest() {
        List<Piece> pieces = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(100, 0, 1);
        byte[] first = "one\ntw".getBytes(StandardCharsets.US_ASCII);
        splitter.feed(first, 0, first.length, into(pieces));
        assertThat(pieces).containsExactly(new Piece(0, 1, "one", false));
        assertThat(splitter.held()).isEqualTo(2);

        splitter.flush(into(pieces));

        assertThat(pieces).containsExactly(new Piece(0, 1, "one", false), new Piece(4, 2, "tw", false));
        assertThat(splitter.lineNumber()).isEqualTo(3);
        assertThat(splitter.held()).isZero();
        assertThat(splitter.nextOffset()).isEqualTo(6);
    }

    @Test
    void aCrAtTheEndOfOneChunkAndItsLfAtTheStartOfTheNextEndTheLine() {
        assertThat(split("abc\r\ndef\n", 100, 4)).containsExactly(
                new Piece(0, 1, "abc", false), new Piece(5, 2, "def", false));
    }

    @Test
    void cutsLongLinesIntoPiecesOfTheLimitWithTheLineNumberKept() {
        assertThat(split("0123456789\nab\n", 4, 3, 3)).containsExactly(
                new Piece(0, 1, "0123", true), new Piece(4, 1, "4567", true), new Piece(8, 1, "89", false),
                new Piece(11, 2, "ab", false));
    }

    @Test
    void aLineOfExactlyThePieceLimitIsOnePiece() {
        assertThat(split("abcd\nefgh\r\n", 4, 2)).containsExactly(
                new Piece(0, 1, "abcd", false), new Piece(5, 2, "efgh", false));
    }

    @Test
    void neverHoldsMoreThanThePieceLimit() {
        LineSplitter splitter = new LineSplitter(1024, 0, 1);
        byte[] chunk = new byte[10_000];
        java.util.Arrays.fill(chunk, (byte) 'x');
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            splitter.feed(chunk, 0, chunk.length, into(pieces));
            assertThat(splitter.held()).isLessThanOrEqualTo(1024);
        }
        assertThat(pieces).allMatch(Piece::continues).allMatch(p -> p.text().length() == 1024);
        assertThat(pieces).hasSize(1_000_000 / 1024);
    }

    @Test
    void agreesWithThePlainRulesForRandomContentFedInRandomChunks() {
        Random random = new Random(42);
        byte[] alphabet = {'a', 'b', '\n', '\r', (byte) 0xC3, (byte) 0xFF, ' '};
        for (int round = 0; round < 500; round++) {
            int maxPiece = 2 + random.nextInt(20);
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            int length = random.nextInt(400);
            for (int i = 0; i < length; i++) {
                content.write(alphabet[random.nextInt(alphabet.length)]);
            }
            byte[] bytes = content.toByteArray();
            List<Piece> pieces = new ArrayList<>();
            LineSplitter splitter = new LineSplitter(maxPiece, 0, 1);
            int at = 0;
            while (at < bytes.length) {
                int n = Math.min(bytes.length - at, 1 + random.nextInt(30));
                splitter.feed(bytes, at, n, into(pieces));
                at += n;
            }
            List<Piece> expected = reference(bytes, maxPiece);
            assertThat(withoutEmptyFinalPieces(pieces)).as("round %d, limit %d", round, maxPiece)
                    .isEqualTo(withoutEmptyFinalPieces(expected));
        }
    }

    /**
     * A {@code \r} that arrives when the held piece is full, just before its {@code \n}, makes the piece leave
     * without it and the line end with an empty final piece: same bytes, one more piece.
     */
    private static List<Piece> withoutEmptyFinalPieces(List<Piece> pieces) {
        List<Piece> merged = new ArrayList<>();
        for (Piece piece : pieces) {
            Piece before = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (piece.text().isEmpty() && before != null && before.continues()
                    && before.lineNumber() == piece.lineNumber()) {
                merged.set(merged.size() - 1, new Piece(before.offset(), before.lineNumber(), before.text(), false));
            } else {
                merged.add(piece);
            }
        }
        return merged;
    }

    @Test
    void findsAndCountsNewlinesAtEveryPositionOfAWord() {
        for (int length = 0; length < 40; length++) {
            for (int at = 0; at < length; at++) {
                byte[] bytes = new byte[length];
                java.util.Arrays.fill(bytes, (byte) 0x0B); // one above '\n', where borrows would show
                bytes[at] = '\n';
                assertThat(LineSplitter.indexOfNewline(bytes, 0, length)).isEqualTo(at);
                assertThat(LineSplitter.indexOfNewline(bytes, at + 1, length)).isEqualTo(-1);
                assertThat(LineSplitter.countNewlines(bytes, 0, length)).isEqualTo(1);
            }
        }
        byte[] many = "\n\n\n\n\n\n\n\n\n\nx\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(LineSplitter.countNewlines(many, 0, many.length)).isEqualTo(11);
        assertThat(LineSplitter.countNewlines(many, 3, many.length)).isEqualTo(8);
    }

    @Test
    void refusesAPieceLimitBelowTwo() {
        assertThatThrownBy(() -> new LineSplitter(1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2");
    }
}
