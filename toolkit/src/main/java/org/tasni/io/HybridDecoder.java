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
     * {@code take} values of {@code bitWidth} bits from {@code buf[pos…]} into {@code out[at…]}: each value is one
     * unaligned little-endian 64-bit load, a shift and a mask (a value of up to 32 bits spans at most 5 bytes), except
     * near the end of the buffer, where the bytes are gathered one by one.
     */
    private static void unpack(byte[] buf, int pos, int end, int bitWidth, long mask, int[] out, int at, int take) {
        long bit = (long) pos * 8;
        int k = 0;
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
