package io.logmirror.sync.ssh.internal;

import io.logmirror.sync.ssh.TransferCompression;

/**
 * The remote side of a batched fetch: one POSIX {@code sh} script run over an exec channel. It reads its requests on
 * standard input and writes framed records on standard output, through {@code zstd -1} or {@code gzip -1} when asked.
 * No file name is ever part of the command line: names arrive on stdin, NUL-separated ({@code tr} turns NUL into
 * newline for {@code read}; the client refuses names with a newline), and always start with {@code ./}.
 *
 * <p>Requests (fields NUL-terminated):
 * <ul>
 *   <li>{@code W k name1 .. namek}: a group of whole files, sent together by one {@code cat};</li>
 *   <li>{@code R k} then k times {@code offset length name}: ranges, their states taken by one {@code find}, each
 *       read by its own {@code dd}.</li>
 * </ul>
 * Output ({@link FetchResponse} parses it): the marker line, then per request
 * <ul>
 *   <li>{@code X reason TAB ./name}: a file that cannot be read (gone, not a regular file, not readable);</li>
 *   <li>for a group: {@code W count total}, find's {@code type size mtime ctime inode ./name} lines taken before reading
 *       (the change time and inode catch a chmod or a file replaced by a rename, which keep size and mtime), a line
 *       {@code -}, exactly {@code total} bytes (cut or padded with zeros: the frame never depends on the files staying
 *       still), the same lines taken after reading, {@code -};</li>
 *   <li>for a range: {@code D size mtime n ./name} (the file's state before reading, {@code n} the bytes that follow,
 *       exactly), then {@code C count}: how many of them {@code dd} really read (fewer: it shrank meanwhile, and the
 *       rest is zeros);</li>
 *   <li>{@code E} at the end, or {@code P message} when the script cannot go on.</li>
 * </ul>
 * Process starts are what costs on the remote (about a millisecond each, far more on a loaded login node): a group of
 * whole files costs about seven, a group of ranges one {@code find} plus one {@code dd} per range; a whole tree of
 * small files thus costs a few hundred process starts instead of a few per file.
 */
final class FetchScript {

    static final String MARKER = "logmirror-fetch-v1";

    private static final String BODY = String.join("\n",
            "LC_ALL=C; export LC_ALL",
            "x() { if [ ! -e \"$1\" ] && [ ! -L \"$1\" ]; then r='it no longer exists';"
                    + " elif [ ! -f \"$1\" ]; then r='it is no longer a regular file';"
                    + " else r='the account may not read it'; fi; printf 'X %s\\t%s\\n' \"$r\" \"$1\"; }",
            "w() {",
            "  b=$(find -L \"$@\" -maxdepth 0 -printf '%y %s %T@ %C@ %i %p\\n' 2>/dev/null)",
            "  t=0",
            "  while read -r y s m r; do [ \"$y\" = f ] && t=$((t + s)); done <<LOGMIRROR_EOF",
            "$b",
            "LOGMIRROR_EOF",
            "  printf 'W %s %s\\n%s\\n-\\n' \"$#\" \"$t\" \"$b\"",
            "  { cat -- \"$@\"; exec cat /dev/zero; } 2>/dev/null | head -c \"$t\"",
            "  a=$(find -L \"$@\" -maxdepth 0 -printf '%y %s %T@ %C@ %i %p\\n' 2>/dev/null)",
            "  printf '%s\\n-\\n' \"$a\"",
            "}",
            "e() {",
            "  n=$(($4 - $2)); [ \"$n\" -lt 0 ] && n=0; [ \"$n\" -gt \"$3\" ] && n=$3",
            "  printf 'D %s %s %s %s\\n' \"$4\" \"$5\" \"$n\" \"$1\"",
            "  c=$(dd if=\"$1\" bs=262144 skip=\"$2\" count=\"$n\" iflag=skip_bytes,count_bytes 2>&1 >&3)",
            "  c=${c##*records out}; c=${c#?}; c=${c%% *}",
            "  case $c in ''|*[!0-9]*) c=0 ;; esac",
            "  [ \"$c\" -lt \"$n\" ] && head -c $((n - c)) /dev/zero",
            "  printf 'C %s\\n' \"$c\"",
            "}",
            "r() {",
            "  b=$(i=$#; while [ \"$i\" -gt 0 ]; do set -- \"$@\" \"$3\"; shift 3; i=$((i - 3)); done",
            "     find -L \"$@\" -maxdepth 0 -printf '%y %s %T@ %p\\n' 2>/dev/null)",
            "  exec 4<<LOGMIRROR_EOF",
            "$b",
            "LOGMIRROR_EOF",
            "  l=",
            "  while [ $# -gt 0 ]; do",
            "    [ -n \"$l\" ] || IFS= read -r l <&4 || l=",
            "    y=${l%% *}; t=${l#* }; s=${t%% *}; t=${t#* }; m=${t%% *}; q=${t#* }",
            "    if [ \"$q\" != \"$3\" ] || [ -z \"$l\" ]; then x \"$3\"",
            "    else l=; if [ \"$y\" != f ] || [ ! -r \"$3\" ]; then x \"$3\"; else e \"$3\" \"$1\" \"$2\" \"$s\" \"$m\"; fi; fi",
            "    shift 3",
            "  done",
            "  exec 4<&-",
            "}",
            "m() {",
            "  printf '" + MARKER + "\\n'",
            "  cd -- \"$1\" 2>/dev/null || { printf 'P cannot enter the remote folder\\n'; exit 3; }",
            "  exec 3>&1",
            "  tr '\\000' '\\n' | {",
            "    while IFS= read -r k; do",
            "      case $k in",
            "      W) IFS= read -r k; set --",
            "         while [ \"$k\" -gt 0 ]; do IFS= read -r f; k=$((k - 1))",
            "           if [ -f \"./$f\" ] && [ -r \"./$f\" ]; then set -- \"$@\" \"./$f\"; else x \"./$f\"; fi",
            "         done",
            "         [ $# -gt 0 ] && w \"$@\" ;;",
            "      R) IFS= read -r k; set --",
            "         while [ \"$k\" -gt 0 ]; do IFS= read -r o; IFS= read -r l; IFS= read -r f; k=$((k - 1))",
            "           set -- \"$@\" \"$o\" \"$l\" \"./$f\"",
            "         done",
            "         [ $# -gt 0 ] && r \"$@\" ;;",
            "      *) printf 'P unknown request\\n'; exit 4 ;;",
            "      esac",
            "    done",
            "    printf 'E\\n'",
            "  }",
            "}");

    private FetchScript() {
    }

    /**
     * The exec command for a batch that reads from {@code folderCarrier} (the absolute remote folder, a carrier),
     * compressed with {@code codec} (never {@link TransferCompression#AUTO}: resolve it first).
     */
    static String command(String folderCarrier, TransferCompression codec) {
        return "sh -c " + ShellQuote.quote(script(folderCarrier, codec));
    }

    /** The script itself, as {@code sh -c} runs it. */
    static String script(String folderCarrier, TransferCompression codec) {
        String pipe;
        switch (codec) {
            case ZSTD:
                pipe = " | zstd -q -1 -c";
                break;
            case GZIP:
                pipe = " | gzip -1 -c";
                break;
            case NONE:
                pipe = "";
                break;
            default:
                throw new IllegalArgumentException("resolve the codec first: " + codec);
        }
        return BODY + "\nm " + ShellQuote.quote(folderCarrier) + pipe + "\n";
    }
}
