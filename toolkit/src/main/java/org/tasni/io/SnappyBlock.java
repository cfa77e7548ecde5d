package org.tasni.io;

/**
 * Snappy's raw block format decompressed in Java: the codec of most Parquet pages (parquet-java's, pyarrow's and
 * DuckDB's default). snappy-java's native call does the same, but a JVM's first call to it extracts and loads its
 * shared library, a few tens of milliseconds of every cold {@code convert}; the format is small enough to read here,
 * and its long literals and copies are {@code System.arraycopy}s.
 *
 * <p>The format: the uncompressed length as a varint, then elements, each a tag byte whose low two bits say what
 * follows: a literal (its length in the tag, or in the 1 to 4 bytes after it) or a copy of earlier output (its length
 * in the tag and an offset back of 1, 2 or 4 bytes).
 */
final class SnappyBlock {

    private SnappyBlock() {}

    /**
     * Decompresses {@code in[off, off + len)} into a new array of {@code size} bytes.
     *
     * @throws IllegalStateException if the block is corrupt or does not hold exactly {@code size} bytes
     */
    static byte[] decompress(byte[] in, int off, int len, int size) {
        int end = off + len;
        int p = off;
        // the preamble: the uncompressed length
        long n = 0;
        for (int shift = 0;; shift += 7) {
            if (p >= end || shift > 28) {
                throw corrupt("its length");
            }
            int b = in[p++];
            n |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (n != size) {
            throw new IllegalStateException("snappy page of " + n + " bytes, its header says " + size);
        }
        byte[] out = new byte[size];
        int o = 0;
        while (p < end) {
            int tag = in[p++] & 0xFF;
            int kind = tag & 3;
            if (kind == 0) {
                int length = tag >>> 2;
                if (length >= 60) {
                    int bytes = length - 59;
                    if (p + bytes > end) {
                        throw corrupt("a literal's length");
                    }
                    length = 0;
                    for (int k = 0; k < bytes; k++) {
                        length |= (in[p++] & 0xFF) << (8 * k);
                    }
                }
                long count = (length & 0xFFFFFFFFL) + 1;
                if (count > end - p || count > size - o) {
                    throw corrupt("a literal");
                }
                System.arraycopy(in, p, out, o, (int) count);
                p += (int) count;
                o += (int) count;
                continue;
            }
            int length, offset;
            if (kind == 1) {
                if (p >= end) {
                    throw corrupt("a copy");
                }
                length = 4 + ((tag >>> 2) & 7);
                offset = ((tag >>> 5) << 8) | (in[p++] & 0xFF);
            } else if (kind == 2) {
                if (p + 2 > end) {
                    throw corrupt("a copy");
                }
                length = 1 + (tag >>> 2);
                offset = (in[p] & 0xFF) | (in[p + 1] & 0xFF) << 8;
                p += 2;
            } else {
                if (p + 4 > end) {
                    throw corrupt("a copy");
                }
                length = 1 + (tag >>> 2);
                offset = (in[p] & 0xFF) | (in[p + 1] & 0xFF) << 8 | (in[p + 2] & 0xFF) << 16 | (in[p + 3] & 0xFF) << 24;
                p += 4;
            }
            if (offset <= 0 || offset > o || length > size - o) {
                throw corrupt("a copy of " + length + " bytes from " + offset + " back");
            }
            // a copy longer than its offset repeats the bytes it has just written: copied in pieces no longer than what
            // lies between its source and the output's end (a whole number of periods, doubling each time), so that
            // no arraycopy reads what it writes
            int from = o - offset;
            while (length > 0) {
                int k = Math.min(length, o - from);
                System.arraycopy(out, from, out, o, k);
                o += k;
                length -= k;
            }
        }
        if (o != size) {
            throw new IllegalStateException("snappy page of " + o + " bytes, its header says " + size);
        }
        return out;
    }

    private static IllegalStateException corrupt(String what) {
        return new IllegalStateException("corrupt snappy page (" + what + ")");
    }
}
