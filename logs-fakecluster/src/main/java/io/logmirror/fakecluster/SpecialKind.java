package io.logmirror.fakecluster;

import java.util.Locale;

/** The kinds of special file {@link FakeRemote#specialFile(String, SpecialKind)} can simulate. */
public enum SpecialKind {
    /** A named pipe ({@code mkfifo}). */
    FIFO,
    /** A Unix domain socket. */
    SOCKET,
    /** A block device. */
    BLOCK_DEVICE,
    /** A character device. */
    CHARACTER_DEVICE;

    /** How a listing names it: {@code fifo}, {@code block device}. */
    String words() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
