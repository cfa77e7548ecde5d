package org.tasni.io;

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

    /** Thrift's encoding codes, as parquet-java's enum (1, GROUP_VAR_INT, was never used). */
    private static final Encoding[] ENCODINGS = {Encoding.PLAIN, null, Encoding.PLAIN_DICTIONARY, Encoding.RLE,
        Encoding.BIT_PACKED, Encoding.DELTA_BINARY_PACKED, Encoding.DELTA_LENGTH_BYTE_ARRAY, Encoding.DELTA_BYTE_ARRAY,
        Encoding.RLE_DICTIONARY, Encoding.BYTE_STREAM_SPLIT};

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
            return BytesInput.from(SnappyBlock.decompress(buf, at, length, size));
        }
    }

    /** The page header at {@code pos}. */
    private static Header header(byte[] buf, int pos) {
        ThriftCompact in = new ThriftCompact(buf, pos, buf.length);
        in.beginStruct();
        int type = -1, uncompressed = -1, compressed = -1, values = -1, nulls = 0, pageRows = 0, dl = 0, rl = 0;
        Encoding encoding = null, dlEncoding = Encoding.RLE;
        boolean compressedV2 = true;
        for (int id = in.nextField(); id >= 0; id = in.nextField()) {
            switch (id) {
                case 1 -> type = in.i32();
                case 2 -> uncompressed = in.i32();
                case 3 -> compressed = in.i32();
                case 5, 7, 8 -> {
                    // the data page (v1), dictionary page or data page (v2) header: the fields each needs
                    in.beginStruct();
                    for (int f = in.nextField(); f >= 0; f = in.nextField()) {
                        if (f == 1) {
                            values = in.i32();
                        } else if ((id == 8 && f == 4) || (id != 8 && f == 2)) {
                            encoding = encoding(in.i32());
                        } else if (id == 5 && f == 3) {
                            dlEncoding = encoding(in.i32());
                        } else if (id == 8 && f == 2) {
                            nulls = in.i32();
                        } else if (id == 8 && f == 3) {
                            pageRows = in.i32();
                        } else if (id == 8 && f == 5) {
                            dl = in.i32();
                        } else if (id == 8 && f == 6) {
                            rl = in.i32();
                        } else if (id == 8 && f == 7) {
                            compressedV2 = in.fieldBoolean();
                        } else {
                            in.skip(in.fieldType());
                        }
                    }
                }
                default -> in.skip(in.fieldType());
            }
        }
        boolean isData = type == 0 || type == 2 || type == 3;
        if (type < 0 || uncompressed < 0 || compressed < 0 || (isData && (values < 0 || encoding == null))
                || dl < 0 || rl < 0) {
            throw new IllegalStateException("a page header without its sizes or encoding");
        }
        return new Header(type, uncompressed, compressed, values, encoding, dlEncoding, nulls, pageRows, dl, rl,
                compressedV2, in.position());
    }

    private static Encoding encoding(int code) {
        if (code < 0 || code >= ENCODINGS.length || ENCODINGS[code] == null) {
            throw new IllegalStateException("unknown encoding " + code);
        }
        return ENCODINGS[code];
    }
}
