package org.tasni.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;
import org.xerial.snappy.Snappy;

/**
 * One column chunk of a {@link ParquetPlainWriter} file, encoded in one loop per page: PLAIN values without nulls,
 * pages of {@link #PAGE_ROWS} rows, snappy, a CRC per page and the minimum and maximum of each page and of the chunk.
 * These are the bytes parquet-java's column writer makes of the same values when it writes them PLAIN (see
 * {@link ParquetPlainWriter} for when that is), reached without its per-value calls, whose first, cold run was most of
 * the crossmatch command's write.
 */
final class ParquetPlainChunk {
    /** parquet-java's page row-count limit (ParquetProperties' default): every page but the last has this many rows. */
    static final int PAGE_ROWS = 20_000;

    /** One page as written: its header's bytes, its snappy bytes, and what the indexes record of it. */
    record Page(byte[] header, byte[] body, int rows, int uncompressedSize, byte[] min, byte[] max, long stringBytes) {
        /** The page's bytes in the file, header included. */
        int compressedTotal() {
            return header.length + body.length;
        }

        int uncompressedTotal() {
            return header.length + uncompressedSize;
        }
    }

    private final Kind kind;
    private final List<Page> pages = new ArrayList<>();
    private byte[] min, max;
    /**
     * A page's PLAIN bytes and their snappy block, reused from page to page of the chunk: only the block's exact bytes
     * are kept per page. A new pair per page was 42 MB of short-lived arrays for the crossmatch's 291,404 × 3 orphans
     * (7 MB written), most of the write's fresh memory.
     */
    private byte[] raw = new byte[0], packed = new byte[0];

    private ParquetPlainChunk(Kind kind) {
        this.kind = kind;
    }

    /**
     * Encodes the values {@code values} (a double[], float[], long[] or int[] indexed by row, or a byte[][] of UTF-8
     * strings already in output order) at rows {@code rows} ({@code 0..n-1} when null), none of them null.
     */
    static ParquetPlainChunk encode(Kind kind, Object values, int[] rows, int n) throws IOException {
        ParquetPlainChunk c = new ParquetPlainChunk(kind);
        for (int from = 0; from < n; from += PAGE_ROWS) {
            c.page(values, rows, from, Math.min(n, from + PAGE_ROWS));
        }
        return c;
    }

    List<Page> pages() {
        return pages;
    }

    Kind kind() {
        return kind;
    }

    /** The chunk's smallest value, as the statistics hold it (little-endian bytes, or the string's UTF-8). */
    byte[] min() {
        return min;
    }

    byte[] max() {
        return max;
    }

    private void page(Object values, int[] rows, int from, int to) throws IOException {
        int count = to - from;
        byte[] levels = definitionLevels(count);
        int width = switch (kind) {
            case DOUBLE, LONG -> 8;
            case FLOAT, INT -> 4;
            default -> 0;
        };
        long stringBytes = 0;
        int valueBytes;
        if (kind == Kind.STRING) {
            byte[][] s = (byte[][]) values;
            for (int j = from; j < to; j++) {
                stringBytes += s[j].length;
            }
            valueBytes = (int) (stringBytes + 4L * count);
        } else {
            valueBytes = width * count;
        }
        int rawLength = 4 + levels.length + valueBytes;
        if (raw.length < rawLength) {
            raw = new byte[rawLength];
            packed = new byte[Snappy.maxCompressedLength(rawLength)];
        }
        byte[] raw = this.raw;
        putInt(raw, 0, levels.length);
        System.arraycopy(levels, 0, raw, 4, levels.length);
        int at = 4 + levels.length;
        byte[] pageMin, pageMax;
        switch (kind) {
            case DOUBLE -> {
                double[] a = (double[]) values;
                double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                for (int j = from; j < to; j++, at += 8) {
                    double v = a[rows == null ? j : rows[j]];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    putLong(raw, at, Double.doubleToRawLongBits(v));
                }
                pageMin = longBytes(Double.doubleToRawLongBits(lo));
                pageMax = longBytes(Double.doubleToRawLongBits(hi));
            }
            case FLOAT -> {
                float[] a = (float[]) values;
                float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
                for (int j = from; j < to; j++, at += 4) {
                    float v = a[rows == null ? j : rows[j]];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    putInt(raw, at, Float.floatToRawIntBits(v));
                }
                pageMin = intBytes(Float.floatToRawIntBits(lo));
                pageMax = intBytes(Float.floatToRawIntBits(hi));
            }
            case LONG -> {
                long[] a = (long[]) values;
                long lo = Long.MAX_VALUE, hi = Long.MIN_VALUE;
                for (int j = from; j < to; j++, at += 8) {
                    long v = a[rows == null ? j : rows[j]];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    putLong(raw, at, v);
                }
                pageMin = longBytes(lo);
                pageMax = longBytes(hi);
            }
            case INT -> {
                int[] a = (int[]) values;
                int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
                for (int j = from; j < to; j++, at += 4) {
                    int v = a[rows == null ? j : rows[j]];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    putInt(raw, at, v);
                }
                pageMin = intBytes(lo);
                pageMax = intBytes(hi);
            }
            case STRING -> {
                byte[][] s = (byte[][]) values;
                byte[] lo = s[from], hi = s[from];
                for (int j = from; j < to; j++) {
                    byte[] v = s[j];
                    // parquet-java orders UTF-8 strings as unsigned bytes
                    if (Arrays.compareUnsigned(v, lo) < 0) {
                        lo = v;
                    }
                    if (Arrays.compareUnsigned(v, hi) > 0) {
                        hi = v;
                    }
                    putInt(raw, at, v.length);
                    System.arraycopy(v, 0, raw, at + 4, v.length);
                    at += 4 + v.length;
                }
                pageMin = lo;
                pageMax = hi;
            }
            default -> throw new IllegalStateException("no PLAIN chunk for " + kind);
        }
        byte[] body = Arrays.copyOf(packed, Snappy.compress(raw, 0, rawLength, packed, 0));
        CRC32 crc = new CRC32();
        crc.update(body);
        PageHeader h = new PageHeader(PageType.DATA_PAGE, rawLength, body.length);
        h.setCrc((int) crc.getValue());
        h.setData_page_header(new DataPageHeader(count, Encoding.PLAIN, Encoding.RLE, Encoding.BIT_PACKED));
        ByteArrayOutputStream header = new ByteArrayOutputStream(32);
        Util.writePageHeader(h, header);
        pages.add(new Page(header.toByteArray(), body, count, rawLength, pageMin, pageMax, stringBytes));
        min = min == null || compare(pageMin, min) < 0 ? pageMin : min;
        max = max == null || compare(pageMax, max) > 0 ? pageMax : max;
    }

    /** Compares two values of this chunk's kind in their statistics bytes. */
    int compare(byte[] a, byte[] b) {
        return switch (kind) {
            case DOUBLE -> Double.compare(Double.longBitsToDouble(getLong(a)), Double.longBitsToDouble(getLong(b)));
            case FLOAT -> Float.compare(Float.intBitsToFloat(getInt(a)), Float.intBitsToFloat(getInt(b)));
            case LONG -> Long.compare(getLong(a), getLong(b));
            case INT -> Integer.compare(getInt(a), getInt(b));
            default -> Arrays.compareUnsigned(a, b);
        };
    }

    /**
     * Every row's definition level 1 (no nulls), as parquet-java's run-length/bit-packing hybrid encoder writes them:
     * one run-length run for 8 values or more, otherwise a single bit-packed group of 8 (the unused bits 0).
     */
    static byte[] definitionLevels(int count) {
        if (count < 8) {
            return new byte[] {3, (byte) ((1 << count) - 1)};
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream(6);
        for (long v = (long) count << 1; ; v >>>= 7) {
            if ((v & ~0x7FL) == 0) {
                b.write((int) v);
                break;
            }
            b.write((int) ((v & 0x7F) | 0x80));
        }
        b.write(1);
        return b.toByteArray();
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    static void putLong(byte[] b, int at, long v) {
        putInt(b, at, (int) v);
        putInt(b, at + 4, (int) (v >>> 32));
    }

    private static byte[] intBytes(int v) {
        byte[] b = new byte[4];
        putInt(b, 0, v);
        return b;
    }

    private static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        putLong(b, 0, v);
        return b;
    }

    private static int getInt(byte[] b) {
        return (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
    }

    private static long getLong(byte[] b) {
        long lo = getInt(b) & 0xFFFFFFFFL;
        long hi = getInt(new byte[] {b[4], b[5], b[6], b[7]});
        return lo | hi << 32;
    }
}
