package io.logmirror.sync.ssh.internal;

/** Quoting for the remote POSIX shell: every argument becomes one single-quoted word, whatever its bytes. */
public final class ShellQuote {

    private ShellQuote() {
    }

    /**
     * {@code text} as a single-quoted word: {@code '} becomes {@code '\''}. Works on carriers (one char per byte):
     * the quote characters are ASCII, so any other byte passes through untouched.
     */
    public static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
