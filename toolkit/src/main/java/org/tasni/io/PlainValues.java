package org.tasni.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Parquet's PLAIN encoding, read in bulk: fixed-width numbers little-endian, back to back; strings as a 4-byte
 * little-endian length and that many UTF-8 bytes. The values of dictionary pages and of PLAIN data pages
 * ({@link ParquetPages}).
 */
final class PlainValues {

    private PlainValues() {}

    /** The bytes of one value of {@code type}; 0 for strings, whose length varies. */
    static int width(PrimitiveTypeName type) {
        return switch (type) {
            case DOUBLE, INT64 -> 8;
            case FLOAT, INT32 -> 4;
            default -> 0;
        };
    }

    /**
     * {@code n} PLAIN values of {@code type} from {@code buf[at, end)}, in an array of that type (String[] for
     * BINARY).
     *
     * @throws IllegalStateException if the values do not fit in the range (a truncated or corrupt page)
     */
    static Object decode(PrimitiveTypeName type, byte[] buf, int at, int end, int n) {
        if (width(type) > 0 && (long) at + (long) width(type) * n > end) {
            throw new IllegalStateException((end - at) + " bytes for " + n + " values of " + width(type) + " bytes");
        }
        return switch (type) {
            case DOUBLE -> {
                double[] v = new double[n];
                le(buf, at, 8 * n).asDoubleBuffer().get(v);
                yield v;
            }
            case FLOAT -> {
                float[] v = new float[n];
                le(buf, at, 4 * n).asFloatBuffer().get(v);
                yield v;
            }
            case INT32 -> {
                int[] v = new int[n];
                le(buf, at, 4 * n).asIntBuffer().get(v);
                yield v;
            }
            case INT64 -> {
                long[] v = new long[n];
                le(buf, at, 8 * n).asLongBuffer().get(v);
                yield v;
            }
            default -> {
                String[] v = new String[n];
                plainStrings(buf, at, end, v, 0, n);
                yield v;
            }
        };
    }

    /** The little-endian int at {@code b[at]}. */
    static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    /** {@code bytes} bytes from {@code buf[at]} as a little-endian buffer. */
    static ByteBuffer le(byte[] buf, int at, int bytes) {
        return ByteBuffer.wrap(buf, at, bytes).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** {@code n} length-prefixed UTF-8 strings from {@code buf[at, end)} into {@code out[off…]}. */
    static void plainStrings(byte[] buf, int at, int end, String[] out, int off, int n) {
        for (int k = 0; k < n; k++) {
            int len = at + 4 <= end ? le32(buf, at) : -1;
            if (len < 0 || (long) at + 4 + len > end) {
                throw new IllegalStateException("string " + k + " of " + n + " runs past the end of its page");
            }
            out[off + k] = new String(buf, at + 4, len, StandardCharsets.UTF_8);
            at += 4 + len;
        }
    }
}
