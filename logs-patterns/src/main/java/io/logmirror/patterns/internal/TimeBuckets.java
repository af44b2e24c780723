package io.logmirror.patterns.internal;

import java.util.Arrays;

/** Event counts per minute, sorted by minute; appends are O(1) when events come in time order. */
final class TimeBuckets {

    private long[] minutes = new long[2];
    private long[] counts = new long[2];
    private int size;

    void add(long epochMinute) {
        if (size > 0 && minutes[size - 1] == epochMinute) {
            counts[size - 1]++;
            return;
        }
        int at = size == 0 || minutes[size - 1] < epochMinute ? size : Arrays.binarySearch(minutes, 0, size, epochMinute);
        if (at >= 0 && at < size) {
            counts[at]++;
            return;
        }
        int insert = at >= 0 ? at : -at - 1;
        if (size == minutes.length) {
            minutes = Arrays.copyOf(minutes, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
        }
        System.arraycopy(minutes, insert, minutes, insert + 1, size - insert);
        System.arraycopy(counts, insert, counts, insert + 1, size - insert);
        minutes[insert] = epochMinute;
        counts[insert] = 1;
        size++;
    }

    /** Events in minutes [from, to), with the first and last such minute; {@code null} when none. */
    long[] range(long fromMinute, long toMinute) {
        long total = 0;
        long first = 0;
        long last = 0;
        boolean any = false;
        int start = Arrays.binarySearch(minutes, 0, size, fromMinute);
        for (int i = start >= 0 ? start : -start - 1; i < size && minutes[i] < toMinute; i++) {
            if (!any) {
                first = minutes[i];
                any = true;
            }
            last = minutes[i];
            total += counts[i];
        }
        return !any ? null : new long[] {total, first, last};
    }
}
