package org.tasni.io;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * bytes of every requested chunk read in the calling thread (one read each), their page headers parsed there too, and
 * each page decompressed when a decoding thread asks for it ({@link ParquetRowGroup} decodes the columns in parallel).
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

    /**
     * Reads the chunks of {@code columns} ({@code indices} their positions in the file's schema) of {@code group}.
     *
     * @throws IOException           if the file cannot be read
     * @throws IllegalStateException if a page header is corrupt
     */
    ParquetChunks(FileChannel ch, ParquetFooter.Group group, List<ColumnDescriptor> columns, int[] indices)
            throws IOException {
        this.rows = group.rows();
        for (int k = 0; k < columns.size(); k++) {
            ParquetFooter.Chunk c = group.chunks().get(indices[k]);
            if (c.length() > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("a column chunk of " + c.length() + " bytes");
            }
            ByteBuffer b = ByteBuffer.allocate((int) c.length());
            ParquetFooter.readFully(ch, b, c.start());
            chunks.put(columns.get(k), new Pages(b.array(), c));
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

    /** One chunk's pages: headers parsed at once, bytes decompressed as they are read. */
    private static final class Pages implements PageReader {
        private final byte[] buf;
        private final boolean snappy;
        private final long values;
        private Header dictionary;
        private final List<Header> data = new ArrayList<>();
        private int next;

        Pages(byte[] buf, ParquetFooter.Chunk chunk) {
            this.buf = buf;
            this.snappy = chunk.snappy();
            this.values = chunk.values();
            long seen = 0;
            int pos = 0;
            while (seen < values) {
                Header h = header(buf, pos);
                if (h.at() + (long) h.compressed() > buf.length || h.compressed() < 0 || h.uncompressed() < 0) {
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
                return new DataPageV1(bytes(h.at(), h.compressed(), h.uncompressed(), snappy), h.values(), h.uncompressed(),
                        null, Encoding.RLE, h.dlEncoding(), h.encoding());
            }
            // v2: the levels are never compressed; the data after them are, unless the page says not
            int levels = h.rlBytes() + h.dlBytes();
            if (levels > h.compressed() || levels > h.uncompressed()) {
                throw new IllegalStateException("levels of " + levels + " bytes in a page of " + h.compressed());
            }
            BytesInput rl = BytesInput.from(buf, h.at(), h.rlBytes());
            BytesInput dl = BytesInput.from(buf, h.at() + h.rlBytes(), h.dlBytes());
            BytesInput values = bytes(h.at() + levels, h.compressed() - levels, h.uncompressed() - levels,
                    snappy && h.compressedV2());
            return DataPageV2.uncompressed(h.rows(), h.nulls(), h.values(), rl, dl, h.encoding(), values, null);
        }

        /** {@code length} bytes at {@code at}, decompressed to {@code size} bytes if {@code compressed}. */
        private BytesInput bytes(int at, int length, int size, boolean compressed) {
            if (!compressed) {
                if (length != size) {
                    throw new IllegalStateException("an uncompressed page of " + length + " bytes, its header says " + size);
                }
                return BytesInput.from(buf, at, length);
            }
            return BytesInput.from(unsnappy(buf, at, length, size));
        }
    }

    /**
     * The page header at {@code pos}, parsed by parquet-format-structures' generated Thrift classes (parquet-java's
     * own page header reader).
     *
     * @throws IllegalStateException if it is corrupt, truncated or lacks a field the page needs
     */
    private static Header header(byte[] buf, int pos) {
        ByteArrayInputStream in = new ByteArrayInputStream(buf, pos, buf.length - pos);
        PageHeader ph;
        try {
            // Thrift's stream transport reads no further than the header: the stream's position is the page's
            ph = Util.readPageHeader(in);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("a corrupt page header (" + e.getMessage() + ")", e);
        }
        int at = buf.length - in.available();
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
     * Decompresses the snappy block {@code in[off, off + len)} into a new array of {@code size} bytes with
     * aircompressor's pure-Java decompressor (not snappy-java: its first call extracts and loads a native library, a
     * few tens of milliseconds of every cold {@code convert}).
     *
     * @throws IllegalStateException if the block is corrupt or does not hold exactly {@code size} bytes
     */
    static byte[] unsnappy(byte[] in, int off, int len, int size) {
        try {
            int n = SnappyDecompressor.getUncompressedLength(in, off);
            if (n != size) {
                throw new IllegalStateException("snappy page of " + n + " bytes, its header says " + size);
            }
            byte[] out = new byte[size];
            int written = new SnappyDecompressor().decompress(in, off, len, out, 0, size);
            if (written != size) {
                throw new IllegalStateException("snappy page of " + written + " bytes, its header says " + size);
            }
            return out;
        } catch (MalformedInputException | IndexOutOfBoundsException e) {
            throw new IllegalStateException("corrupt snappy page (" + e.getMessage() + ")", e);
        }
    }
}
