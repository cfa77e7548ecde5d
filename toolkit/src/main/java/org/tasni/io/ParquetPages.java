package org.tasni.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import tech.tablesaw.columns.Column;

/**
 * Decodes the pages of one flat column chunk a page at a time, straight into a primitive array: the fast path of
 * {@link ParquetReader}. A dictionary-encoded column decodes each dictionary entry once (one {@code String} per
 * distinct designation, not one per row) and then copies by index; PLAIN doubles and floats are bulk copies.
 *
 * <p>It handles what parquet-java, pyarrow and DuckDB write for double, float, int32, int64 and string columns:
 * data pages v1 and v2, PLAIN and dictionary encodings, RLE definition levels. {@link #supports} says whether a chunk
 * is in that set; anything else (DECIMAL, BOOLEAN, DELTA or BYTE_STREAM_SPLIT encodings, …) goes through parquet-java's
 * column reader, which is slower but complete.
 *
 * <p>Written here because no library on Maven Central does it for the JVM without native code: parquet-java reads
 * column values one call at a time ({@code ColumnReader.getDouble()}, a {@code Binary} and a {@code String} per row),
 * which made a 30M-row epochs file 13× slower to read than DuckDB; Arrow's fast reader is C++ behind JNI. Page headers,
 * decompression and the file footer still come from parquet-java.
 */
final class ParquetPages {

    private final ColumnDescriptor column;
    private final PrimitiveTypeName type;
    private final Kind kind;
    /** The values an INT32 chunk's declared type allows (INT(16, signed) read as shorts, say). */
    private final IntegerRange range;
    private final int maxDef;
    private final int rows;
    private final long firstRow;
    private final String file;
    private double[] d;
    private float[] f;
    private int[] i32;
    private long[] i64;
    /**
     * A string column's rows: indices into {@link #local}, the dictionaries' and PLAIN pages' values in order; of 16
     * bits ({@link #narrowCodes}, unsigned) where the chunk's pages cannot hold more than
     * {@link StringDictionaries#MAX_NARROW_VALUES} values, which is the usual designation column of a row group.
     */
    private int[] codes;
    private short[] narrowCodes;
    /** A string column's values, as the pages hold them (decoded when read: see {@link Utf8Pool}). */
    private Utf8Pool local;
    private int emptyCode = -1;
    private int dictBase, dictSize;
    /**
     * The rows that are null, for an integer chunk only ({@link #masksNulls}): its loops write 0 there, and
     * {@link #build} the type's marker. A float's or string's loops write the missing value itself (NaN, the empty
     * string's code), so such a chunk keeps none: a {@code boolean} per row for each such column of each row group
     * with a null was fresh memory, 1.35 MB a column per group of the 30M-row benchmark file's error columns.
     */
    private boolean[] nulls;
    private Object dict;
    private int pos;
    /**
     * A decoding thread's level and index buffers, {@code {levels, ids}}, kept across pages and column chunks: made
     * per chunk they were a page-sized array or two for every column of every row group, megabytes of garbage per
     * row group. A pool thread decodes one chunk at a time, so one pair per thread is enough.
     */
    private static final ThreadLocal<int[][]> SCRATCH = ThreadLocal.withInitial(() -> new int[][] {new int[0], new int[0]});
    private final int[][] scratch = SCRATCH.get();
    private int[] levels = scratch[0];
    private int[] ids = scratch[1];
    /** The thread's buffer for a page's bytes, reused as the level and index buffers are, {@code {bytes}}. */
    private static final ThreadLocal<byte[][]> PAGE = ThreadLocal.withInitial(() -> new byte[][] {new byte[0]});
    private final byte[][] pageBuffer = PAGE.get();
    /** The thread's int buffer for SHORT columns, {@code {ints}}. */
    private static final ThreadLocal<int[][]> SHORTS = ThreadLocal.withInitial(() -> new int[][] {new int[0]});

    private static int[] shortScratch(int rows) {
        int[][] held = SHORTS.get();
        if (held[0].length < rows) {
            held[0] = new int[rows];
        }
        return held[0];
    }

    /** The reader of the chunk's pages where it decompresses them into {@link #pageBuffer}, else null. */
    private ParquetChunks.Pages source;

    private ParquetPages(String file, ColumnDescriptor column, Kind kind, int rows, long firstRow, long stringValues) {
        this.file = file;
        this.column = column;
        this.type = column.getPrimitiveType().getPrimitiveTypeName();
        this.kind = kind;
        this.range = IntegerRange.of(column.getPrimitiveType());
        this.maxDef = column.getMaxDefinitionLevel();
        this.rows = rows;
        this.firstRow = firstRow;
        switch (type) {
            case DOUBLE -> d = new double[rows];
            case FLOAT -> f = new float[rows];
            // a SHORT column's values pass through the thread's int buffer on their way to its short[]: an int[]
            // of the group's rows for each such column was garbage as soon as the column was built
            case INT32 -> i32 = kind == Kind.SHORT ? shortScratch(rows) : new int[rows];
            case INT64 -> i64 = new long[rows];
            case BINARY -> {
                // 16-bit codes: half the memory of the rows' codes, which are most of a string column's read (1M rows
                // of a row group: 2 MB, not 4), and fresh memory is what a first read spends its time on
                if (stringValues <= StringDictionaries.MAX_NARROW_VALUES) {
                    narrowCodes = new short[rows];
                } else {
                    codes = new int[rows];
                }
                local = new Utf8Pool();
            }
            default -> throw new IllegalStateException("unsupported " + type);
        }
    }

    /**
     * Whether this class decodes the chunk: a supported type and every page in a supported encoding. The caller has
     * checked that the pages hold the row group's rows ({@code ParquetRowGroup.requireRows}).
     */
    static boolean supports(ColumnDescriptor c, DictionaryPage dictionary, List<DataPage> pages) {
        var p = c.getPrimitiveType();
        boolean type = switch (p.getPrimitiveTypeName()) {
            case DOUBLE, FLOAT, INT32, INT64, BINARY -> true;
            default -> false;
        };
        // a DECIMAL is converted exactly by the column reader's path; 2 definition levels and up are nested data
        if (!type || p.getLogicalTypeAnnotation() instanceof org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation
                || c.getMaxRepetitionLevel() != 0 || c.getMaxDefinitionLevel() > 1) {
            return false;
        }
        if (dictionary != null && dictionary.getEncoding() != Encoding.PLAIN && dictionary.getEncoding() != Encoding.PLAIN_DICTIONARY) {
            return false;
        }
        for (DataPage page : pages) {
            Encoding e = valueEncoding(page);
            if (e == null || page instanceof DataPageV1 v1 && c.getMaxDefinitionLevel() > 0 && v1.getDlEncoding() != Encoding.RLE) {
                return false;
            }
            boolean dictionaryEncoded = e == Encoding.PLAIN_DICTIONARY || e == Encoding.RLE_DICTIONARY;
            if (!(e == Encoding.PLAIN || (dictionaryEncoded && dictionary != null))) {
                return false;
            }
        }
        return true;
    }

    /** The encoding of a data page's values; null for a page of another version. */
    private static Encoding valueEncoding(DataPage page) {
        if (page instanceof DataPageV1 v1) {
            return v1.getValueEncoding();
        }
        return page instanceof DataPageV2 v2 ? v2.getDataEncoding() : null;
    }

    /**
     * The most values a string chunk's rows can index: the dictionary's, one per value of a PLAIN page, and the empty
     * string that stands for a null.
     */
    private static long stringValues(DictionaryPage dictionary, List<DataPage> pages) {
        long n = 1 + (dictionary == null ? 0 : dictionary.getDictionarySize());
        for (DataPage page : pages) {
            if (valueEncoding(page) == Encoding.PLAIN) {
                n += page.getValueCount();
            }
        }
        return n;
    }

    /**
     * The chunk as a Tablesaw column of {@code kind}; {@link #supports} must have said yes.
     *
     * @param firstRow the file row of the chunk's first value, for errors that name a row
     * @param source   the reader the pages came from if it is the toolkit's own ({@link ParquetChunks}), which then
     *                 decompresses or copies each page into this thread's reused buffer; else null
     */
    static Column<?> decode(String file, ColumnDescriptor c, Kind kind, DictionaryPage dictionary, List<DataPage> pages,
            int rows, long firstRow, ParquetChunks.Pages source) throws IOException {
        long stringValues = c.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY
                ? stringValues(dictionary, pages) : 0;
        ParquetPages p = new ParquetPages(file, c, kind, rows, firstRow, stringValues);
        p.source = source;
        if (dictionary != null) {
            p.dictionary(dictionary);
        }
        for (DataPage page : pages) {
            p.page(page);
        }
        return p.build();
    }

    private void dictionary(DictionaryPage page) throws IOException {
        Bytes b = bytes(page.getBytes());
        dictSize = page.getDictionarySize();
        if (type == PrimitiveTypeName.BINARY) {
            dictBase = local.addPlain(b.buf, b.from, b.to, dictSize);
        } else {
            dict = PlainValues.decode(type, b.buf, b.from, b.to, dictSize);
        }
    }

    private void page(DataPage page) throws IOException {
        int n = page.getValueCount();
        Bytes values;
        int at;
        Encoding encoding;
        if (levels.length < n) {
            levels = new int[n];
            scratch[0] = levels;
        }
        int present = n;
        if (page instanceof DataPageV1 v1) {
            values = bytes(page, v1.getBytes());
            encoding = v1.getValueEncoding();
            at = values.from;
            if (maxDef > 0) {
                // the levels first, after their length
                int len = PlainValues.le32(values.buf, at);
                if (len < 0 || at + 4 + len > values.to) {
                    throw new IllegalStateException("definition levels of " + len + " bytes in a page of " + values.size());
                }
                present = levels(values.buf, at + 4, at + 4 + len, n);
                at += 4 + len;
            }
        } else {
            DataPageV2 v2 = (DataPageV2) page;
            encoding = v2.getDataEncoding();
            if (maxDef > 0) {
                Bytes dl = bytes(v2.getDefinitionLevels());
                present = levels(dl.buf, dl.from, dl.to, n);
            }
            values = bytes(page, v2.getData());
            at = values.from;
        }
        byte[] buf = values.buf;
        if (encoding == Encoding.PLAIN) {
            plain(buf, at, values.to, n, present);
        } else {
            if (ids.length < present) {
                ids = new int[present];
                scratch[1] = ids;
            }
            if (present > 0 && at >= values.to) {
                throw new IllegalStateException("a dictionary-encoded page without its bit width");
            }
            int width = present == 0 ? 0 : buf[at] & 0xFF;
            HybridDecoder.decode(buf, at + 1, values.to, width, ids, present);
            gather(dict, dictSize, dictBase, n, present);
        }
        pos += n;
    }

    /** A page's bytes in place: its backing array and the range it occupies there (a copy only if off-heap). */
    private record Bytes(byte[] buf, int from, int to) {
        int size() {
            return to - from;
        }
    }

    /** A data page's (v1) or its values' (v2) bytes: in the thread's page buffer where {@link #source} can. */
    private Bytes bytes(DataPage page, BytesInput in) throws IOException {
        if (source != null) {
            byte[] into = pageBuffer[0];
            byte[] out = source.pageBytes(page, into);
            if (out != null) {
                if (out != into) {
                    pageBuffer[0] = out;
                }
                int size = page instanceof DataPageV2 v2 ? (int) v2.getData().size() : page.getUncompressedSize();
                return new Bytes(out, 0, size);
            }
        }
        return bytes(in);
    }

    private static Bytes bytes(BytesInput in) throws IOException {
        // toByteArray would copy every page; the decompressed page is an array already
        ByteBuffer b = in.toByteBuffer();
        if (b.hasArray()) {
            return new Bytes(b.array(), b.arrayOffset() + b.position(), b.arrayOffset() + b.limit());
        }
        byte[] copy = new byte[b.remaining()];
        b.duplicate().get(copy);
        return new Bytes(copy, 0, copy.length);
    }

    /** Decodes a page's definition levels, unless they are one run of "present"; returns the count of values present. */
    private int levels(byte[] buf, int from, int to, int n) {
        if (HybridDecoder.isSingleRun(buf, from, to, 1, n, 1)) {
            return n;
        }
        HybridDecoder.decode(buf, from, to, 1, levels, n);
        return countPresent(n);
    }

    private int countPresent(int n) {
        int present = 0;
        for (int k = 0; k < n; k++) {
            present += levels[k];
        }
        if (present < n && nulls == null && masksNulls()) {
            nulls = new boolean[rows];
        }
        return present;
    }

    private boolean masksNulls() {
        return type == PrimitiveTypeName.INT32 || type == PrimitiveTypeName.INT64;
    }

    /** PLAIN values of a page: {@code present} values, scattered over the {@code n} rows when some are null. */
    private void plain(byte[] buf, int at, int end, int n, int present) {
        int width = PlainValues.width(type);
        if (width > 0 && (long) at + (long) width * present > end) {
            throw new IllegalStateException("a PLAIN page of " + (end - at) + " bytes for " + present + " values of "
                    + width + " bytes");
        }
        if (present == n) {
            // no nulls: straight into the column's array, a bulk copy for the fixed-width types
            switch (type) {
                case DOUBLE -> PlainValues.le(buf, at, 8 * n).asDoubleBuffer().get(d, pos, n);
                case FLOAT -> PlainValues.le(buf, at, 4 * n).asFloatBuffer().get(f, pos, n);
                case INT32 -> PlainValues.le(buf, at, 4 * n).asIntBuffer().get(i32, pos, n);
                case INT64 -> PlainValues.le(buf, at, 8 * n).asLongBuffer().get(i64, pos, n);
                default -> {
                    // PLAIN strings: the chunk's remaining rows are about as many values (room made once)
                    local.reserve(rows - pos);
                    int base = local.addPlain(buf, at, end, n);
                    if (narrowCodes != null) {
                        PageLoops.plainCodes(base, narrowCodes, pos, n);
                    } else {
                        PageLoops.plainCodes(base, codes, pos, n);
                    }
                }
            }
            return;
        }
        if (ids.length < present) {
            ids = new int[present];
            scratch[1] = ids;
        }
        for (int k = 0; k < present; k++) {
            ids[k] = k;
        }
        if (type == PrimitiveTypeName.BINARY) {
            gather(null, present, local.addPlain(buf, at, end, present), n, present);
        } else {
            gather(PlainValues.decode(type, buf, at, end, present), present, 0, n, present);
        }
    }

    /**
     * Rows {@code pos..pos+n} from {@code values[ids[0, present)]}, the nulls where the levels say so; for strings, the
     * codes {@code base + ids[…]} of {@code count} values appended to {@link #local} (values null). An index out
     * of range (a corrupt page) fails on the array bound, which the caller reports naming the column.
     *
     * <p>The loops are {@link PageLoops}' small per-type methods, each compiled once when hot: as one method with a
     * switch over the types, this was recompiled (all nine loops) for each new type met.
     */
    private void gather(Object values, int count, int base, int n, int present) {
        if (present == n) {
            switch (type) {
                case DOUBLE -> PageLoops.gather((double[]) values, ids, d, pos, n);
                case FLOAT -> PageLoops.gather((float[]) values, ids, f, pos, n);
                case INT32 -> PageLoops.gather((int[]) values, ids, i32, pos, n);
                case INT64 -> PageLoops.gather((long[]) values, ids, i64, pos, n);
                default -> {
                    if (narrowCodes != null) {
                        PageLoops.gatherCodes(count, base, ids, narrowCodes, pos, n);
                    } else {
                        PageLoops.gatherCodes(count, base, ids, codes, pos, n);
                    }
                }
            }
            return;
        }
        switch (type) {
            case DOUBLE -> PageLoops.scatter((double[]) values, ids, levels, d, pos, n);
            case FLOAT -> PageLoops.scatter((float[]) values, ids, levels, f, pos, n);
            case INT32 -> PageLoops.scatter((int[]) values, ids, levels, i32, pos, n);
            case INT64 -> PageLoops.scatter((long[]) values, ids, levels, i64, pos, n);
            default -> {
                if (narrowCodes != null) {
                    PageLoops.scatterCodes(count, base, emptyCode(), ids, levels, narrowCodes, pos, n);
                } else {
                    PageLoops.scatterCodes(count, base, emptyCode(), ids, levels, codes, pos, n);
                }
            }
        }
        if (nulls != null) {
            for (int r = 0; r < n; r++) {
                nulls[pos + r] = levels[r] == 0;
            }
        }
    }

    /** The code of the empty string, Tablesaw's missing value, for a null in a string column. */
    private int emptyCode() {
        if (emptyCode < 0) {
            emptyCode = local.addEmpty();
        }
        return emptyCode;
    }

    private Column<?> build() {
        String name = column.getPath()[0];
        return switch (type) {
            case DOUBLE -> WrappedColumns.doubles(name, d);
            case FLOAT -> WrappedColumns.floats(name, f);
            case BINARY -> {
                int bad = local.firstNotUtf8(codes, narrowCodes, rows);
                if (bad >= 0) {
                    throw ParquetReader.notUtf8(file, name, firstRow + bad);
                }
                yield narrowCodes != null ? StringDictionaries.column(name, narrowCodes, rows, local)
                        : StringDictionaries.column(name, codes, rows, local);
            }
            case INT64 -> WrappedColumns.longs(name, markers(i64));
            default -> switch (kind) {
                case LONG -> WrappedColumns.longs(name, unsigned(i32, nulls, rows));
                case SHORT -> WrappedColumns.shorts(name, shorts(name));
                default -> WrappedColumns.ints(name, ints(name));
            };
        };
    }

    /** UINT32 values as longs, the nulls as the long marker (no value of the type can be the marker). */
    private static long[] unsigned(int[] in, boolean[] nulls, int rows) {
        long[] v = new long[rows];
        for (int r = 0; r < rows; r++) {
            v[r] = nulls != null && nulls[r] ? Long.MIN_VALUE : Integer.toUnsignedLong(in[r]);
        }
        return v;
    }

    // the loops below are methods of their own, as gather's: each compiled once, when hot, and small

    private short[] shorts(String name) {
        short[] v = new short[rows];
        for (int r = 0; r < rows; r++) {
            v[r] = isNull(r) ? Short.MIN_VALUE
                    : (short) ParquetReader.checked(i32[r], kind, range, file, name, firstRow + r);
        }
        return v;
    }

    private int[] ints(String name) {
        for (int r = 0; r < rows; r++) {
            i32[r] = isNull(r) ? Integer.MIN_VALUE
                    : (int) ParquetReader.checked(i32[r], kind, range, file, name, firstRow + r);
        }
        return i32;
    }

    private long[] markers(long[] v) {
        for (int r = 0; r < rows; r++) {
            v[r] = isNull(r) ? Long.MIN_VALUE
                    : ParquetReader.checked(v[r], kind, IntegerRange.ANY, file, column.getPath()[0], firstRow + r);
        }
        return v;
    }

    private boolean isNull(int r) {
        return nulls != null && nulls[r];
    }
}
