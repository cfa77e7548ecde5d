package org.tasni.io;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The chunk buffers of one read, per column of its projection: a read of row group after row group takes the
 * buffers the group before last gave back instead of a new array per chunk (megabytes each, a file's worth in
 * all, which the collector otherwise had to reclaim). Only the reading thread takes and gives.
 *
 * <p>A file of one row group has nothing to reuse: its large chunks are mapped instead ({@link #maps}).
 */
final class ChunkBuffers {

    /**
     * A chunk of a file of one row group from this size on is mapped from the file, not read into an array: the pages
     * of a file just written or read are in the page cache, and a mapping of them costs no fresh memory, where a buffer
     * is fresh memory that this machine's hypervisor makes slow to touch the first time (62 MB of them for the
     * crossmatch benchmark's two files; {@code clear_page} was 30% of that command's samples, and the command took
     * 1.91 s with them mapped against 2.00 s read, 6 alternating pairs). Files of several row groups reuse their buffers,
     * which cost fresh memory only for the first two groups: mapping every group instead made the warm whole read of
     * the 30M-row epochs file slower (0.76–0.90 s against 0.55–0.94 s). Small chunks are read too: a mapping is
     * released only when the collector finds its buffer unreachable, and a read of thousands of small tiles must not
     * pile up mappings until then.
     */
    static final int MAP_BYTES = 4 << 20;

    private final List<ArrayDeque<byte[]>> free = new ArrayList<>();
    private final int groups;

    /** The buffers of a read of a file of {@code groups} row groups. */
    ChunkBuffers(int groups) {
        this.groups = groups;
    }

    /** Whether a chunk of {@code length} bytes is mapped rather than read into one of these buffers. */
    boolean maps(int length) {
        return groups == 1 && length >= MAP_BYTES;
    }

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
