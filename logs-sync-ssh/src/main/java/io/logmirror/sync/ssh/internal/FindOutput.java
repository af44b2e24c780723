package io.logmirror.sync.ssh.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The exec-channel listing: the remote command and the parser of its output.
 *
 * <p>The command prints a marker first (so "the account has no shell" can be told apart from "the folder is
 * missing"), then for every non-directory entry four NUL-terminated fields: type ({@code %y}), path relative to the
 * folder ({@code %P}), size ({@code %s}) and modification time with full precision ({@code %T@}). NUL is the only
 * byte a Linux file name cannot hold, so any name, newlines included, comes through intact.
 */
public final class FindOutput {

    /** Printed first by the listing script. */
    public static final String MARKER = "logmirror-listing-v1";
    /** Exit status of the script when the folder cannot be entered. */
    public static final int NO_FOLDER_STATUS = 3;

    private FindOutput() {
    }

    /**
     * The command for the exec channel, as a carrier. The script runs under {@code sh} whatever the login shell is;
     * the folder is single-quoted at both levels, so no byte of it is interpreted.
     *
     * @param folderCarrier the absolute remote folder, as a carrier
     */
    public static String command(String folderCarrier) {
        return "sh -c " + ShellQuote.quote("printf '" + MARKER + "\\000'; " + script(folderCarrier));
    }

    /** The part that enters the folder and runs find (its exit status is find's, or {@link #NO_FOLDER_STATUS}). */
    static String script(String folderCarrier) {
        return "cd -- " + ShellQuote.quote(folderCarrier) + " || exit " + NO_FOLDER_STATUS + "; "
                + "exec find . -mindepth 1 ! -type d -printf '%y\\000%P\\000%s\\000%T@\\000'";
    }

    /** Whether {@code output} starts with the marker, that is, the script ran under a shell. */
    public static boolean hasMarker(byte[] output) {
        byte[] marker = (MARKER + "\0").getBytes(StandardCharsets.US_ASCII);
        if (output.length < marker.length) {
            return false;
        }
        for (int i = 0; i < marker.length; i++) {
            if (output[i] != marker[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses the output (marker included).
     *
     * @throws IOException when the output is not what the command prints (truncated or garbled)
     */
    public static List<RawEntry> parse(byte[] output) throws IOException {
        if (!hasMarker(output)) {
            throw new IOException("listing output does not start with the marker '" + MARKER + "'");
        }
        List<RawEntry> entries = new ArrayList<>();
        int pos = MARKER.length() + 1;
        String[] fields = new String[4];
        int field = 0;
        int start = pos;
        for (int i = pos; i < output.length; i++) {
            if (output[i] == 0) {
                fields[field++] = new String(output, start, i - start, StandardCharsets.ISO_8859_1);
                start = i + 1;
                if (field == 4) {
                    entries.add(entry(fields));
                    field = 0;
                }
            }
        }
        if (field != 0 || start != output.length) {
            throw new IOException("listing output ends in the middle of an entry (" + entries.size() + " entries read)");
        }
        return entries;
    }

    static RawEntry entry(String[] fields) throws IOException {
        if (fields[0].length() != 1 || fields[1].isEmpty()) {
            throw new IOException("listing output has a malformed entry: type '" + fields[0] + "'");
        }
        try {
            return new RawEntry(fields[1], fields[0].charAt(0), Long.parseLong(fields[2]), parseTime(fields[3]));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IOException("listing output has a malformed size or time for an entry: '" + fields[2] + "', '"
                    + fields[3] + "'", e);
        }
    }

    /** Parses find's {@code %T@}: seconds since the epoch with a fraction (GNU find prints 10 digits). */
    static Instant parseTime(String text) {
        BigDecimal value = new BigDecimal(text);
        BigDecimal seconds = value.setScale(0, RoundingMode.FLOOR);
        long nanos = value.subtract(seconds).movePointRight(9).setScale(0, RoundingMode.FLOOR).longValueExact();
        return Instant.ofEpochSecond(seconds.longValueExact(), nanos);
    }
}
