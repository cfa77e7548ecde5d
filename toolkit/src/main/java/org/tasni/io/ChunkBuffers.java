package org.tasni.io;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The chunk buffers of one read, per column of its projection: a read of row group after row group takes the
 * buffers the group before last gave back instead of a new array per chunk (megabytes each, a file's worth in
 * all, which the collector otherwise had to reclaim). Only the reading thread takes and gives.
 */
final class ChunkBuffers {

    private final List<ArrayDeque<byte[]>> free = new ArrayList<>();

    /** A buffer of at least {@code length} bytes for column {@code k}. */
    byte[] take(int k, int length) {
        for (var it = queue(k).iterator(); it.hasNext(); ) {
            byte[] b = it.next();
            if (b.length >= length) {
                it.remove();
                return b;
            }
        }
        // a little room over: the chunks of one column differ a little in size from group to group
        return new byte[(int) Math.min(Integer.MAX_VALUE - 16, length + (long) length / 16)];
    }

    /** Gives {@code b}, taken for column {@code k}, back: nothing may read or write it after. */
    void give(int k, byte[] b) {
        ArrayDeque<byte[]> q = queue(k);
        if (q.size() < 2) { // two groups in flight: more would be kept for nothing
            q.add(b);
        }
    }

    /** Column k's free buffers, the list grown to it on first use. */
    private ArrayDeque<byte[]> queue(int k) {
        while (free.size() <= k) {
            free.add(new ArrayDeque<>());
        }
        return free.get(k);
    }
}
