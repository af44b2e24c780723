package io.logmirror.patterns.internal;

import io.logmirror.patterns.LogLine;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the Python tracebacks of one file into single events, line by line, across any number of
 * calls (so a traceback split between two syncs stays one event).
 *
 * <p>A traceback starts at a line containing {@value #START}. The text before it is the line's
 * prefix (a worker tag such as {@code (VllmWorker rank=0 pid=7) }, or a log header such as
 * {@code ERROR 12-07 10:00:01 [core.py:387] }); its continuation lines carry the same header, compared
 * with digits ignored (timestamps tick) but preferring an exact match (two workers differ by pid).
 * A continuation is an indented line ({@code   File ...}, code, {@code ^^^^}), a blank line, a chained
 * {@code Traceback}, {@code During handling of the above exception...} or {@code The above exception
 * was the direct cause...}; the exception line ({@code RuntimeError: ...}, {@code torch.OutOfMemoryError:
 * ...}, {@code KeyboardInterrupt}) ends it. Lines that fit no pending traceback are interleaved: they
 * are analysed as usual and the traceback goes on, up to {@value #MAX_INTERLEAVED} of them in a row.
 *
 * <p>A traceback whose exception line was seen is closed by the next line that does not continue its
 * chain, by {@link #closeFinished}, or by {@link #closeAll}; one without it is closed as incomplete by
 * {@link #closeAll}, after {@value #MAX_INTERLEAVED} interleaved lines, or at the line limit.
 */
final class TracebackTracker {

    static final String START = "Traceback (most recent call last):";
    static final int MAX_INTERLEAVED = 500;

    /** Receives closed tracebacks. */
    interface Sink {
        void closed(Pending traceback);
    }

    /** A traceback being gathered. */
    static final class Pending {
        final LogLine start;
        final String startPatternId;
        final String prefix;
        int header = -1;
        final List<String> lines = new ArrayList<>();
        long lastLineNumber;
        int interleaved;
        LogLine exceptionLine;
        String exceptionBody;
        String exceptionPatternId;
        boolean truncated;

        Pending(LogLine start, String startPatternId, String prefix) {
            this.start = start;
            this.startPatternId = startPatternId;
            this.prefix = prefix;
            this.lines.add(start.text());
            this.lastLineNumber = start.lineNumber();
        }

        boolean complete() {
            return exceptionLine != null;
        }
    }

    private final int maxLines;
    private final List<Pending> pending = new ArrayList<>(1);

    TracebackTracker(int maxLines) {
        this.maxLines = maxLines;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Offers a line; true when it belongs to a traceback (and must not be analysed on its own). */
    boolean offer(LogLine line, String patternId, Sink sink) {
        String text = line.text();
        if (!pending.isEmpty()) {
            Pending owner = null;
            int best = 0;
            for (Pending p : pending) {
                int score = owns(p, text);
                if (score > best) {
                    best = score;
                    owner = p;
                }
            }
            if (owner != null) {
                String body = text.substring(owner.header);
                boolean exact = best == owner.header + 1;
                boolean startsAnother = body.contains(START) && !exact && owner.header > 0;
                if (!startsAnother && take(owner, line, body, patternId, sink)) {
                    return true;
                }
            }
            closeFinishedExcept(null, sink);
            List<Pending> overflow = null;
            for (Pending p : pending) {
                if (++p.interleaved > MAX_INTERLEAVED) {
                    overflow = overflow == null ? new ArrayList<>(1) : overflow;
                    overflow.add(p);
                }
            }
            if (overflow != null) {
                pending.removeAll(overflow);
                overflow.forEach(sink::closed);
            }
        }
        int at = text.indexOf(START);
        if (at < 0) {
            return false;
        }
        pending.add(new Pending(line, patternId, text.substring(0, at)));
        return true;
    }

    /** Whether the pending traceback takes the line; closes it when its chain has ended. */
    private boolean take(Pending p, LogLine line, String body, String patternId, Sink sink) {
        boolean continuation = isChainContinuation(body);
        if (p.complete()) {
            if (!continuation) {
                pending.remove(p);
                sink.closed(p);
                return false;
            }
            p.exceptionLine = null;
            p.exceptionBody = null;
            p.exceptionPatternId = null;
        }
        boolean exception = !continuation && isExceptionLine(body);
        if (!continuation && !exception) {
            return false;
        }
        if (p.header < 0) {
            if (!startsIndented(body)) {
                return false;
            }
        }
        p.interleaved = 0;
        p.lastLineNumber = line.lineNumber();
        if (p.lines.size() < maxLines) {
            p.lines.add(line.text());
        } else {
            p.truncated = true;
        }
        if (exception) {
            p.exceptionLine = line;
            p.exceptionBody = body;
            p.exceptionPatternId = patternId;
        } else if (p.truncated) {
            pending.remove(p);
            sink.closed(p);
        }
        return true;
    }

    /** Closes the tracebacks whose exception line was seen (a query wants up-to-date groups). */
    void closeFinished(Sink sink) {
        closeFinishedExcept(null, sink);
    }

    private void closeFinishedExcept(Pending keep, Sink sink) {
        List<Pending> done = null;
        for (Pending p : pending) {
            if (p != keep && p.complete()) {
                done = done == null ? new ArrayList<>(2) : done;
                done.add(p);
            }
        }
        if (done != null) {
            pending.removeAll(done);
            done.forEach(sink::closed);
        }
    }

    /** Closes every pending traceback, complete or not. */
    void closeAll(Sink sink) {
        List<Pending> all = new ArrayList<>(pending);
        pending.clear();
        all.forEach(sink::closed);
    }

    /** Forgets pending tracebacks without events (the file was rewritten). */
    void clear() {
        pending.clear();
    }

    /**
     * 0: not this traceback's; otherwise 1 + the length of the header's exact common prefix with the line,
     * so of two tracebacks whose headers match with digits ignored, the one that matches longer verbatim wins.
     */
    private static int owns(Pending p, String text) {
        if (p.header < 0) {
            int common = commonMasked(p.prefix, text);
            if (common == p.prefix.length() && text.length() > common) {
                p.header = common;
            } else {
                int cut = common;
                while (cut > 0 && text.charAt(cut - 1) != ' ' && text.charAt(cut - 1) != '\t') {
                    cut--;
                }
                if (cut == 0 && !p.prefix.isEmpty()) {
                    return 0;
                }
                if (cut >= text.length() || !startsIndented(text.substring(cut))) {
                    return 0;
                }
                p.header = cut;
            }
        }
        if (text.length() < p.header || commonMasked(p.prefix, text) < p.header) {
            return 0;
        }
        int exact = 0;
        while (exact < p.header && text.charAt(exact) == p.prefix.charAt(exact)) {
            exact++;
        }
        return exact + 1;
    }

    private static int commonMasked(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && !(isDigit(x) && isDigit(y))) {
                break;
            }
            i++;
        }
        return i;
    }

    static boolean isChainContinuation(String body) {
        if (body.isEmpty() || body.isBlank() || startsIndented(body)) {
            return true;
        }
        return body.contains(START) || body.startsWith("During handling of the above exception")
                || body.startsWith("The above exception was the direct cause");
    }

    private static boolean startsIndented(String body) {
        return !body.isEmpty() && (body.charAt(0) == ' ' || body.charAt(0) == '\t');
    }

    /** {@code RuntimeError: x}, {@code torch.OutOfMemoryError: ...}, {@code KeyboardInterrupt}: a dotted name with a capital. */
    static boolean isExceptionLine(String body) {
        int n = body.length();
        if (n == 0 || !(Character.isLetter(body.charAt(0)) || body.charAt(0) == '_')) {
            return false;
        }
        int i = 0;
        boolean upper = false;
        while (i < n) {
            char c = body.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
                upper |= Character.isUpperCase(c);
                i++;
            } else {
                break;
            }
        }
        if (!upper || Levels.word(body, 0, i) != null) {
            return false;
        }
        if (i == n) {
            return body.endsWith("Error") || body.endsWith("Exception") || body.endsWith("Interrupt")
                    || body.endsWith("Exit") || body.endsWith("Warning");
        }
        return body.charAt(i) == ':';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
