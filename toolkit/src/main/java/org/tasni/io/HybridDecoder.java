package org.tasni.io;

import java.util.Arrays;

/**
 * Parquet's RLE / bit-packing hybrid encoding, decoded in bulk into an {@code int[]}: the encoding of definition
 * levels and of dictionary indices. parquet-java decodes it one value per virtual call; decoding a whole page at once
 * is most of what makes {@link ParquetPages} fast.
 *
 * <p>The format: a sequence of runs, each starting with an unsigned LEB128 header. An even header {@code 2c} is an
 * RLE run, one value repeated {@code c} times, stored in {@code ceil(bitWidth / 8)} little-endian bytes; an odd header
 * {@code 2g + 1} is {@code g} groups of 8 values bit-packed LSB first in {@code g × bitWidth} bytes.
 */
final class HybridDecoder {

    private HybridDecoder() {}

    /**
     * Decodes {@code n} values of {@code bitWidth} bits (0 to 32) from {@code buf[pos, end)} into {@code out[0, n)}.
     * A last bit-packed group may be padded past {@code n}; its padding is skipped.
     *
     * @return the position after the last byte read
     * @throws IllegalStateException if the data end before {@code n} values (a truncated or corrupt page)
     */
    static int decode(byte[] buf, int pos, int end, int bitWidth, int[] out, int n) {
        if (bitWidth < 0 || bitWidth > 32) {
            throw new IllegalStateException("bit width " + bitWidth + " out of range");
        }
        int valueBytes = (bitWidth + 7) >>> 3;
        long mask = bitWidth == 32 ? 0xFFFFFFFFL : (1L << bitWidth) - 1;
        int filled = 0;
        while (filled < n) {
            // the run header, an unsigned LEB128 varint
            long header = 0;
            int shift = 0;
            while (true) {
                if (pos >= end) {
                    throw truncated(filled, n);
                }
                int b = buf[pos++];
                header |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
                shift += 7;
                if (shift > 35) {
                    throw new IllegalStateException("run header longer than 5 bytes");
                }
            }
            if ((header & 1) == 0) {
                long count = header >>> 1;
                if (pos + valueBytes > end) {
                    throw truncated(filled, n);
                }
                int v = 0;
                for (int k = 0; k < valueBytes; k++) {
                    v |= (buf[pos++] & 0xFF) << (8 * k);
                }
                int take = (int) Math.min(count, n - filled);
                Arrays.fill(out, filled, filled + take, v);
                filled += take;
            } else {
                long values = (header >>> 1) * 8;
                long bytes = (header >>> 1) * bitWidth;
                int take = (int) Math.min(values, n - filled);
                // only the bytes that hold the values taken must exist: a writer may cut the padding of the last group
                int need = (int) (((long) take * bitWidth + 7) >>> 3);
                if (pos + need > end) {
                    throw truncated(filled, n);
                }
                unpack(buf, pos, end, bitWidth, mask, out, filled, take);
                filled += take;
                pos = (int) Math.min(end, pos + bytes);
            }
        }
        return pos;
    }

    /**
     * {@code take} values of {@code bitWidth} bits from {@code buf[pos…]} into {@code out[at…]}: whole groups of 8
     * values by {@link #groupsNarrow} or {@link #groupsWide} while their 8-byte loads stay inside {@code buf}, the rest
     * one by one, near the end of the buffer with the bytes gathered one at a time.
     */
    private static void unpack(byte[] buf, int pos, int end, int bitWidth, long mask, int[] out, int at, int take) {
        if (bitWidth == 0) {
            Arrays.fill(out, at, at + take, 0);
            return;
        }
        // a group starts at a byte (8 values × w bits = w bytes); its last load starts (7w)/8 bytes into it, or at
        // its first byte when the whole group fits one load
        int lastLoad = bitWidth <= 8 ? 0 : 7 * bitWidth >>> 3;
        int room = buf.length - 8 - lastLoad - pos;
        int groups = room < 0 ? 0 : Math.min(take >>> 3, room / bitWidth + 1);
        if (bitWidth <= 8) {
            groupsNarrow(buf, pos, bitWidth, mask, out, at, groups);
        } else {
            groupsWide(buf, pos, bitWidth, mask, out, at, groups);
        }
        long bit = (long) pos * 8 + (long) groups * 8 * bitWidth;
        int k = groups * 8;
        for (; k < take; k++, bit += bitWidth) {
            int b = (int) (bit >>> 3);
            if (b + 8 > buf.length) {
                break;
            }
            out[at + k] = (int) (((long) LONG_LE.get(buf, b) >>> (bit & 7)) & mask);
        }
        for (; k < take; k++, bit += bitWidth) {
            int b = (int) (bit >>> 3);
            long v = 0;
            for (int j = 0; j < 5 && b + j < end; j++) {
                v |= (long) (buf[b + j] & 0xFF) << (8 * j);
            }
            out[at + k] = (int) ((v >>> (bit & 7)) & mask);
        }
    }

    // The two loops below take 8 values per turn with their shifts computed once per call, not once per value: a
    // per-value loop carries the bit position from one value to the next, and ran at 1.4–1.9 ns a value against
    // 0.7–1.0 here (one thread, widths 1–17, best of 200 interleaved runs). parquet-java's BytePacker (one generated
    // class per width) is faster still at widths up to 8, but is one more method for the compiler per width a file
    // uses, which a first read pays for.

    /** Groups of 8 values of at most 8 bits: each group is {@code bitWidth} bytes, read with one 8-byte load. */
    private static void groupsNarrow(byte[] buf, int pos, int w, long mask, int[] out, int at, int groups) {
        int s1 = w, s2 = 2 * w, s3 = 3 * w, s4 = 4 * w, s5 = 5 * w, s6 = 6 * w, s7 = 7 * w;
        for (int g = 0; g < groups; g++, pos += w, at += 8) {
            long x = (long) LONG_LE.get(buf, pos);
            out[at] = (int) (x & mask);
            out[at + 1] = (int) ((x >>> s1) & mask);
            out[at + 2] = (int) ((x >>> s2) & mask);
            out[at + 3] = (int) ((x >>> s3) & mask);
            out[at + 4] = (int) ((x >>> s4) & mask);
            out[at + 5] = (int) ((x >>> s5) & mask);
            out[at + 6] = (int) ((x >>> s6) & mask);
            out[at + 7] = (int) ((x >>> s7) & mask);
        }
    }

    /**
     * Groups of 8 values of 9 to 32 bits: value j starts at bit j·w of its group, so at byte (j·w)/8 and bit (j·w)%8
     * of it, and one 8-byte load from there holds it (at most 7 + 32 bits).
     */
    private static void groupsWide(byte[] buf, int pos, int w, long mask, int[] out, int at, int groups) {
        int o1 = w >>> 3, o2 = 2 * w >>> 3, o3 = 3 * w >>> 3, o4 = 4 * w >>> 3, o5 = 5 * w >>> 3, o6 = 6 * w >>> 3,
                o7 = 7 * w >>> 3;
        int s1 = w & 7, s2 = 2 * w & 7, s3 = 3 * w & 7, s4 = 4 * w & 7, s5 = 5 * w & 7, s6 = 6 * w & 7, s7 = 7 * w & 7;
        for (int g = 0; g < groups; g++, pos += w, at += 8) {
            out[at] = (int) ((long) LONG_LE.get(buf, pos) & mask);
            out[at + 1] = (int) (((long) LONG_LE.get(buf, pos + o1) >>> s1) & mask);
            out[at + 2] = (int) (((long) LONG_LE.get(buf, pos + o2) >>> s2) & mask);
            out[at + 3] = (int) (((long) LONG_LE.get(buf, pos + o3) >>> s3) & mask);
            out[at + 4] = (int) (((long) LONG_LE.get(buf, pos + o4) >>> s4) & mask);
            out[at + 5] = (int) (((long) LONG_LE.get(buf, pos + o5) >>> s5) & mask);
            out[at + 6] = (int) (((long) LONG_LE.get(buf, pos + o6) >>> s6) & mask);
            out[at + 7] = (int) (((long) LONG_LE.get(buf, pos + o7) >>> s7) & mask);
        }
    }

    private static final java.lang.invoke.VarHandle LONG_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private static IllegalStateException truncated(int filled, int n) {
        return new IllegalStateException("the page ends after " + filled + " of its " + n + " levels or indices");
    }

    /**
     * Whether {@code buf[pos, end)} starts with one RLE run of {@code value} covering all {@code n} values: the
     * definition levels of a page without nulls, which then need no decoding at all.
     */
    static boolean isSingleRun(byte[] buf, int pos, int end, int bitWidth, int n, int value) {
        long header = 0;
        int shift = 0;
        while (true) {
            if (pos >= end || shift > 35) {
                return false;
            }
            int b = buf[pos++];
            header |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
        }
        int valueBytes = (bitWidth + 7) >>> 3;
        if ((header & 1) != 0 || (header >>> 1) < n || pos + valueBytes > end) {
            return false;
        }
        int v = 0;
        for (int k = 0; k < valueBytes; k++) {
            v |= (buf[pos + k] & 0xFF) << (8 * k);
        }
        return v == value;
    }

    /** The bits needed for values 0 to {@code max}. */
    static int bitWidth(int max) {
        return 32 - Integer.numberOfLeadingZeros(max);
    }
}
