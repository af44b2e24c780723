package io.logmirror.core;

/** Thrown when a text is not a valid {@link LogPath}; the message names the text and the rule it breaks. */
public final class InvalidLogPathException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String rejected;

    InvalidLogPathException(String rejected, String problem) {
        super("invalid log path '" + printable(rejected) + "': " + problem);
        this.rejected = rejected;
    }

    /** The text that was rejected, as given. */
    public String rejected() {
        return rejected;
    }

    /** {@code text} with control characters written as {@code \\uXXXX} and cut to 200 characters, safe for a log line. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 200; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= 200) {
            out.append("...");
        }
        return out.toString();
    }
}
