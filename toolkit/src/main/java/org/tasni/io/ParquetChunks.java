package org.tasni.io;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.DictionaryPageHeader;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;

/**
 * One row group's column chunks read from a file the toolkit's own footer reader took ({@link ParquetFooter}): the
 * bytes of every requested chunk mapped or read in the calling thread (one read each, see {@link ChunkBuffers#maps}),
 * their page headers parsed there too, and each page decompressed when a decoding thread asks for it
 * ({@link ParquetRowGroup} decodes the columns in parallel).
 * The pages are parquet-java's page types, so that the decoders, {@link ParquetPages} and parquet-java's column reader
 * for the rest, take them as they take parquet-java's own.
 *
 * <p>This is what parquet-java's {@code ParquetFileReader.readNextRowGroup} does for these files, without its footer
 * classes, Hadoop configuration, stream layers and native snappy library: most of a small file's read was loading
 * those.
 */
final class ParquetChunks implements PageReadStore {

    private final long rows;
    private final Map<ColumnDescriptor, Pages> chunks = new HashMap<>();
    private final ChunkBuffers buffers;
    private final byte[][] taken;

    /**
     * Reads the chunks of {@code columns} ({@code indices} their positions in the file's schema) of {@code group},
     * each mapped from the file or read into a buffer from {@code buffers} (see {@link ChunkBuffers#maps} and
     * {@link #recycle}).
     *
     * @throws IOException           if the file cannot be read
     * @throws IllegalStateException if a page header is corrupt
     */
    ParquetChunks(FileChannel ch, ParquetFooter.Group group, List<ColumnDescriptor> columns, int[] indices,
            ChunkBuffers buffers) throws IOException {
        this.rows = group.rows();
        this.buffers = buffers;
        this.taken = new byte[columns.size()][];
        long fileSize = ch.size();
        for (int k = 0; k < columns.size(); k++) {
            ParquetFooter.Chunk c = group.chunks().get(indices[k]);
            if (c.length() > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("a column chunk of " + c.length() + " bytes");
            }
            int length = (int) c.length();
            // a chunk past the file's end is read, not mapped (touching a mapped page past the end is a bus error), and
            // the read reports it
            ByteBuffer bytes = buffers.maps(length) && c.start() >= 0 && c.start() + length <= fileSize
                    ? map(ch, c.start(), length) : null;
            if (bytes == null) {
                taken[k] = buffers.take(k, length);
                ParquetFooter.readFully(ch, ByteBuffer.wrap(taken[k], 0, length), c.start());
                bytes = ByteBuffer.wrap(taken[k], 0, length).slice();
            }
            try {
                chunks.put(columns.get(k), new Pages(bytes, c));
            } catch (InternalError e) {
                // the file was cut short after the chunk was mapped: parquet-java then reads it (RowGroupSource) and
                // says what it finds
                throw new IllegalStateException("the file changed while it was being read (" + e.getMessage() + ")", e);
            }
        }
    }

    /**
     * The chunk mapped, or null where the system refuses the mapping (too many mappings, say: they are released only
     * when the collector finds their buffers unreachable, and a process may hold a limited number), which the caller
     * then reads.
     */
    private static ByteBuffer map(FileChannel ch, long start, int length) {
        try {
            return ch.map(FileChannel.MapMode.READ_ONLY, start, length);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * Gives the chunks' buffers back for the next row group's: only once every column of this one is decoded (the
     * decoded columns copy what they keep), and nothing reads these pages after.
     */
    void recycle() {
        for (int k = 0; k < taken.length; k++) {
            if (taken[k] != null) {
                buffers.give(k, taken[k]);
            }
        }
    }

    @Override
    public PageReader getPageReader(ColumnDescriptor descriptor) {
        Pages p = chunks.get(descriptor);
        if (p == null) {
            throw new IllegalArgumentException("column " + descriptor + " was not read");
        }
        return p;
    }

    @Override
    public long getRowCount() {
        return rows;
    }

    /** A page's header, and where its bytes are in the chunk. */
    private record Header(int type, int uncompressed, int compressed, int values, Encoding encoding,
            Encoding dlEncoding, int nulls, int rows, int dlBytes, int rlBytes, boolean compressedV2, int at) {}

    /**
     * One chunk's pages: headers parsed at once. A data page's bytes are decompressed (or, from a mapped chunk,
     * copied) only when they are asked for, and {@link ParquetPages} asks {@link #pageBytes} to do it into its thread's
     * reused buffer: made one array per page, the decompressed pages were a sixth of a read's allocation (a row
     * group's worth of short-lived arrays every row group), which the collector then had to make room for.
     */
    static final class Pages implements PageReader {
        /** The chunk's bytes from position 0 (mapped from the file, or a reused buffer's), read by absolute index. */
        private final ByteBuffer buf;
        /** The chunk's end in {@link #buf}. */
        private final int end;
        private final boolean snappy;
        private final long values;
        private Header dictionary;
        private final List<Header> data = new ArrayList<>();
        /** The data pages handed out, with their headers, for {@link #pageBytes}. */
        private final Map<DataPage, Header> handedOut = new IdentityHashMap<>();
        private int next;

        Pages(ByteBuffer buf, ParquetFooter.Chunk chunk) {
            this.buf = buf;
            this.end = buf.limit();
            this.snappy = chunk.snappy();
            this.values = chunk.values();
            long seen = 0;
            int pos = 0;
            while (seen < values) {
                Header h = header(buf, pos, end);
                if (h.at() + (long) h.compressed() > end || h.compressed() < 0 || h.uncompressed() < 0) {
                    throw new IllegalStateException("a page of " + h.compressed() + " bytes runs past its column chunk");
                }
                switch (h.type()) {
                    case 0, 3 -> {
                        data.add(h);
                        seen += h.values();
                    }
                    case 2 -> {
                        if (dictionary != null || !data.isEmpty()) {
                            throw new IllegalStateException("a dictionary page after the first page");
                        }
                        dictionary = h;
                    }
                    default -> { } // an index page: not needed to read the values
                }
                pos = h.at() + h.compressed();
            }
        }

        @Override
        public DictionaryPage readDictionaryPage() {
            if (dictionary == null) {
                return null;
            }
            return new DictionaryPage(bytes(dictionary.at(), dictionary.compressed(), dictionary.uncompressed(), snappy),
                    dictionary.uncompressed(), dictionary.values(), dictionary.encoding());
        }

        @Override
        public long getTotalValueCount() {
            return values;
        }

        @Override
        public DataPage readPage() {
            if (next >= data.size()) {
                return null;
            }
            Header h = data.get(next++);
            if (h.type() == 0) {
                DataPageV1 page = new DataPageV1(lazy(h.at(), h.compressed(), h.uncompressed(), snappy), h.values(),
                        h.uncompressed(), null, Encoding.RLE, h.dlEncoding(), h.encoding());
                handedOut.put(page, h);
                return page;
            }
            // v2: the levels are never compressed; the data after them are, unless the page says not
            int levels = h.rlBytes() + h.dlBytes();
            if (levels > h.compressed() || levels > h.uncompressed()) {
                throw new IllegalStateException("levels of " + levels + " bytes in a page of " + h.compressed());
            }
            BytesInput rl = BytesInput.from(buf.slice(h.at(), h.rlBytes()));
            BytesInput dl = BytesInput.from(buf.slice(h.at() + h.rlBytes(), h.dlBytes()));
            boolean packed = snappy && h.compressedV2();
            BytesInput values = lazy(h.at() + levels, h.compressed() - levels, h.uncompressed() - levels, packed);
            DataPageV2 page = DataPageV2.uncompressed(h.rows(), h.nulls(), h.values(), rl, dl, h.encoding(), values, null);
            handedOut.put(page, h);
            return page;
        }

        /**
         * The bytes of {@code page}, one of this reader's data pages, decompressed or copied into {@code into} if it
         * is large enough, else into a new array: the array (the caller keeps it for the next page), its bytes from 0
         * to the page's size (for a v1 page its levels and values; for v2 its values alone, after the levels). Null for
         * a page of another reader, and for an uncompressed page of a chunk held in an array, whose bytes are read
         * where they are.
         *
         * @throws IllegalStateException if the snappy block is corrupt or not of the page's size
         */
        byte[] pageBytes(DataPage page, byte[] into) {
            Header h = handedOut.get(page);
            if (h == null || (!isCompressed(h) && buf.hasArray())) {
                return null; // an uncompressed page of a chunk in an array is read where it is
            }
            int levels = h.type() == 0 ? 0 : h.rlBytes() + h.dlBytes();
            int size = h.uncompressed() - levels, stored = h.compressed() - levels;
            // the header's size checked before an array of that size is made: a corrupt one's 2 GB is refused
            if (isCompressed(h)) {
                requireSnappyLength(buf, h.at() + levels, stored, size);
            } else {
                requireStoredSize(stored, size);
            }
            byte[] out = into.length >= size ? into : new byte[size];
            if (isCompressed(h)) {
                unsnappy(buf, h.at() + levels, stored, out, size);
            } else {
                buf.get(h.at() + levels, out, 0, size);
            }
            return out;
        }

        /** An uncompressed page stores as many bytes as its header says it holds. */
        private static void requireStoredSize(int stored, int size) {
            if (stored != size) {
                throw new IllegalStateException("an uncompressed page of " + stored + " bytes, its header says " + size);
            }
        }

        /** Whether a data page's values are snappy blocks (a v2 page may say they are not). */
        private boolean isCompressed(Header h) {
            return snappy && (h.type() == 0 || h.compressedV2());
        }

        /**
         * {@code pages} with every compressed one's bytes decompressed now, for parquet-java's column reader, which
         * then reports nothing about snappy (a corrupt block is reported here, as {@link ParquetPages} reports it).
         */
        List<DataPage> decompressed(List<DataPage> pages) {
            List<DataPage> out = new ArrayList<>(pages.size());
            for (DataPage p : pages) {
                Header h = handedOut.get(p);
                if (h == null || !isCompressed(h)) {
                    out.add(p);
                } else if (p instanceof DataPageV1 v1) {
                    out.add(new DataPageV1(BytesInput.from(pageBytes(p, new byte[0])), v1.getValueCount(),
                            v1.getUncompressedSize(), null, Encoding.RLE, v1.getDlEncoding(), v1.getValueEncoding()));
                } else {
                    DataPageV2 v2 = (DataPageV2) p;
                    out.add(DataPageV2.uncompressed(v2.getRowCount(), v2.getNullCount(), v2.getValueCount(),
                            v2.getRepetitionLevels(), v2.getDefinitionLevels(), v2.getDataEncoding(),
                            BytesInput.from(pageBytes(p, new byte[0])), null));
                }
            }
            return out;
        }

        /** {@code length} bytes at {@code at}, decompressed to {@code size} bytes if {@code compressed}. */
        private BytesInput bytes(int at, int length, int size, boolean compressed) {
            if (!compressed) {
                requireStoredSize(length, size);
                return BytesInput.from(buf.slice(at, length));
            }
            return BytesInput.from(unsnappy(buf, at, length, size));
        }

        /**
         * As {@link #bytes}, but a compressed page is decompressed only when its bytes are read (once: a stream), so
         * that a page {@link #pageBytes} takes is never decompressed into an array of its own.
         */
        private BytesInput lazy(int at, int length, int size, boolean compressed) {
            if (!compressed) {
                return bytes(at, length, size, false);
            }
            return BytesInput.from(new InputStream() {
                private byte[] page;
                private int pos;

                private byte[] page() {
                    if (page == null) {
                        page = unsnappy(buf, at, length, size);
                    }
                    return page;
                }

                @Override
                public int read() {
                    byte[] p = page();
                    return pos < p.length ? p[pos++] & 0xFF : -1;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    byte[] p = page();
                    if (len == 0) {
                        return 0;
                    }
                    if (pos >= p.length) {
                        return -1;
                    }
                    int n = Math.min(len, p.length - pos);
                    System.arraycopy(p, pos, b, off, n);
                    pos += n;
                    return n;
                }
            }, size);
        }
    }

    /**
     * The page header at {@code pos}, parsed by parquet-format-structures' generated Thrift classes (parquet-java's
     * own page header reader).
     *
     * @throws IllegalStateException if it is corrupt, truncated or lacks a field the page needs
     */
    private static Header header(ByteBuffer buf, int pos, int end) {
        ByteBufferInputStream in = ByteBufferInputStream.wrap(buf.slice(pos, end - pos));
        PageHeader ph;
        try {
            // Thrift's stream transport reads no further than the header: the stream's position is the page's
            ph = Util.readPageHeader(in);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("a corrupt page header (" + e.getMessage() + ")", e);
        }
        int at = end - in.available();
        int type = ph.getType() == null ? -1 : ph.getType().getValue();
        int values = -1, nulls = 0, pageRows = 0, dl = 0, rl = 0;
        org.apache.parquet.format.Encoding encoding = null, dlEncoding = org.apache.parquet.format.Encoding.RLE;
        boolean compressedV2 = true;
        if (type == 0 && ph.isSetData_page_header()) {
            DataPageHeader h = ph.getData_page_header();
            values = h.getNum_values();
            encoding = h.getEncoding();
            dlEncoding = h.getDefinition_level_encoding();
        } else if (type == 2 && ph.isSetDictionary_page_header()) {
            DictionaryPageHeader h = ph.getDictionary_page_header();
            values = h.getNum_values();
            encoding = h.getEncoding();
        } else if (type == 3 && ph.isSetData_page_header_v2()) {
            DataPageHeaderV2 h = ph.getData_page_header_v2();
            values = h.getNum_values();
            encoding = h.getEncoding();
            nulls = h.getNum_nulls();
            pageRows = h.getNum_rows();
            dl = h.getDefinition_levels_byte_length();
            rl = h.getRepetition_levels_byte_length();
            compressedV2 = h.isIs_compressed(); // true where absent (the format's default)
        }
        int uncompressed = ph.getUncompressed_page_size(), compressed = ph.getCompressed_page_size();
        boolean isData = type == 0 || type == 2 || type == 3;
        if (type < 0 || uncompressed < 0 || compressed < 0 || (isData && (values < 0 || encoding == null))
                || dl < 0 || rl < 0) {
            throw new IllegalStateException("a page header without its sizes or encoding");
        }
        return new Header(type, uncompressed, compressed, values, encoding(encoding), encoding(dlEncoding), nulls,
                pageRows, dl, rl, compressedV2, at);
    }

    /**
     * A Thrift encoding as parquet-java's enum, by name, as parquet-java's metadata converter maps it (null where the
     * page has none, as an index page).
     */
    private static Encoding encoding(org.apache.parquet.format.Encoding e) {
        if (e == null) {
            return null;
        }
        try {
            return Encoding.valueOf(e.name());
        } catch (IllegalArgumentException unknown) {
            throw new IllegalStateException("unknown encoding " + e, unknown);
        }
    }

    /**
     * Decompresses the snappy block {@code in[off, off + len)} (by absolute index) into a new array of {@code size}
     * bytes with aircompressor's pure-Java decompressor (not snappy-java: its first call extracts and loads a native
     * library, a few tens of milliseconds of every cold {@code convert}).
     *
     * @throws IllegalStateException if the block is corrupt or does not hold exactly {@code size} bytes
     */
    static byte[] unsnappy(ByteBuffer in, int off, int len, int size) {
        requireSnappyLength(in, off, len, size);
        byte[] out = new byte[size];
        unsnappy(in, off, len, out, size);
        return out;
    }

    /**
     * As {@link #unsnappy(byte[], int, int, byte[], int)}, from a buffer: an array's bytes in place, a mapped chunk's
     * copied first to the thread's reused array (aircompressor's array API is the one this checks sizes with).
     */
    static void unsnappy(ByteBuffer in, int off, int len, byte[] out, int size) {
        if (in.hasArray()) {
            unsnappy(in.array(), in.arrayOffset() + off, len, out, size);
            return;
        }
        byte[][] held = PACKED.get();
        if (held[0].length < len) {
            held[0] = new byte[len];
        }
        in.get(off, held[0], 0, len);
        unsnappy(held[0], 0, len, out, size);
    }

    /**
     * The length a snappy block gives itself (its preamble, read by aircompressor from the block's own bytes alone)
     * is the page header's {@code size}: checked before an array of {@code size} bytes is made, so that a corrupt
     * header (a size of 2 GB for a page of a few kB) is refused as such, not met as an OutOfMemoryError. An empty
     * page may have no block at all (see {@link #unsnappy(byte[], int, int, byte[], int)}).
     *
     * @throws IllegalStateException if it is not, or the block has no length
     */
    static void requireSnappyLength(ByteBuffer in, int off, int len, int size) {
        if (len == 0 && size == 0) {
            return;
        }
        // the preamble is a varint of at most 5 bytes; copied, so that it is read from the block and never past it
        byte[] head = new byte[Math.min(len, 5)];
        in.get(off, head);
        int n;
        try {
            n = SnappyDecompressor.getUncompressedLength(head, 0);
        } catch (MalformedInputException | IndexOutOfBoundsException e) {
            throw new IllegalStateException("corrupt snappy page (" + e.getMessage() + ")", e);
        }
        if (n != size) {
            throw new IllegalStateException("snappy page of " + n + " bytes, its header says " + size);
        }
    }

    /** A decoding thread's array for a mapped chunk's snappy block, {@code {bytes}}, reused from page to page. */
    private static final ThreadLocal<byte[][]> PACKED = ThreadLocal.withInitial(() -> new byte[][] {new byte[0]});

    /** As {@link #unsnappy(ByteBuffer, int, int, int)}, from an array, into {@code out[0, size)}. */
    static void unsnappy(byte[] in, int off, int len, byte[] out, int size) {
        requireSnappyLength(ByteBuffer.wrap(in), off, len, size);
        if (len == 0) {
            // no block at all for no bytes: Spark 3.5 and parquet-java before 1.16 write an all-null v2 page so, marked
            // compressed (parquet-java issue 3122; Arrow and DuckDB read it as its nulls too)
            return;
        }
        try {
            int written = new SnappyDecompressor().decompress(in, off, len, out, 0, size);
            if (written != size) {
                throw new IllegalStateException("snappy page of " + written + " bytes, its header says " + size);
            }
        } catch (MalformedInputException | IndexOutOfBoundsException e) {
            throw new IllegalStateException("corrupt snappy page (" + e.getMessage() + ")", e);
        }
    }
}
