package org.tasni.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.tasni.TasniException;

/**
 * Where {@link ParquetReader} takes a file's row groups from, one after the other: the toolkit's own footer and chunk
 * reader ({@link ParquetFooter}, {@link ParquetChunks}) when it takes the file, else parquet-java's file reader.
 * Should the own reader fail on a row group (a corrupt page header), parquet-java takes over from that group on, so
 * that every error is worded as it always was; the own reader only ever adds speed.
 *
 * <p>Why two: parquet-java's reader loads about 900 classes (its footer initialises a shaded Jackson) and a Hadoop
 * configuration before the first value, which was most of a small file's read and of a cold {@code convert}.
 */
final class RowGroupSource implements AutoCloseable {

    private final Path path;
    private final String name;
    private final FileChannel channel;
    private final ParquetFooter footer;
    private ParquetFileReader reader;
    private MessageType projection;
    private int[] indices;
    /** The own reader's chunk buffers, reused from row group to row group (or none: {@link ChunkBuffers#maps}). */
    private final ChunkBuffers buffers;

    private RowGroupSource(Path path, String name, FileChannel channel, ParquetFooter footer, ParquetFileReader reader) {
        this.path = path;
        this.name = name;
        this.channel = channel;
        this.footer = footer;
        this.reader = reader;
        this.buffers = new ChunkBuffers(footer == null ? 0 : footer.groups().size());
    }

    /** The source of {@code path} ({@code name} for errors): the own reader if it takes the file, else parquet-java. */
    static RowGroupSource open(Path path, String name) {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
            ParquetFooter f = ParquetFooter.read(ch);
            if (f != null) {
                return new RowGroupSource(path, name, ch, f, null);
            }
        } catch (IOException e) {
            // parquet-java opens it below and words the error
        }
        closeQuietly(ch);
        try {
            return new RowGroupSource(path, name, null, null, ParquetReader.open(path));
        } catch (IOException e) {
            throw new TasniException(name + ": not a readable Parquet file (" + e.getMessage() + ").", e);
        }
    }

    /** The footer of {@code path} read by the own reader, or null where that reader does not take the file. */
    static ParquetFooter footer(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return ParquetFooter.read(ch);
        } catch (IOException e) {
            return null;
        }
    }

    /** The file's schema. */
    MessageType schema() {
        return footer != null ? footer.schema() : reader.getFooter().getFileMetaData().getSchema();
    }

    /** The writer's name, for parquet-java's column reader. */
    String createdBy() {
        return footer != null ? footer.createdBy() : reader.getFooter().getFileMetaData().getCreatedBy();
    }

    /** Reads only the columns of {@code projection} from now on. */
    void project(MessageType projection) {
        this.projection = projection;
        if (reader != null) {
            reader.setRequestedSchema(projection);
        }
        if (footer != null) {
            List<ColumnDescriptor> all = footer.schema().getColumns(), some = projection.getColumns();
            indices = new int[some.size()];
            for (int k = 0; k < some.size(); k++) {
                indices[k] = all.indexOf(some.get(k));
            }
        }
    }

    /** Row group {@code group}'s pages (the groups are read in order), or null after the last. */
    PageReadStore next(int group) {
        if (reader == null) {
            if (group >= footer.groups().size()) {
                return null;
            }
            try {
                return new ParquetChunks(channel, footer.groups().get(group), projection.getColumns(), indices, buffers);
            } catch (IOException | RuntimeException e) {
                takeOver(group);
            }
        }
        requireCodecs(group);
        try {
            return reader.readNextRowGroup();
        } catch (IOException | RuntimeException e) {
            throw new TasniException(name + ": row group " + group + " is corrupt (" + e.getMessage() + ").", e);
        }
    }

    /** The codecs parquet-java reads with the libraries in the jar; BROTLI and LZO need native codecs it lacks. */
    private static final Set<CompressionCodecName> CODECS = EnumSet.of(CompressionCodecName.UNCOMPRESSED,
            CompressionCodecName.SNAPPY, CompressionCodecName.GZIP, CompressionCodecName.ZSTD, CompressionCodecName.LZ4,
            CompressionCodecName.LZ4_RAW);

    /**
     * Refuses a column of row group {@code group} (of those read) compressed with a codec that cannot be read here,
     * naming it: parquet-java's own failure was a missing Hadoop class, reported as a corrupt row group.
     */
    private void requireCodecs(int group) {
        List<BlockMetaData> groups = reader.getRowGroups();
        if (group >= groups.size()) {
            return;
        }
        for (ColumnChunkMetaData c : groups.get(group).getColumns()) {
            if (!CODECS.contains(c.getCodec()) && (projection == null || projection.containsPath(c.getPath().toArray()))) {
                throw new TasniException(name + ": column '" + c.getPath().toDotString() + "' is compressed with "
                        + c.getCodec() + ", which this toolkit cannot read (it reads Parquet uncompressed or compressed"
                        + " with snappy, gzip, zstd or lz4); write the file again with one of those.");
            }
        }
    }

    /** parquet-java's reader, positioned at {@code group}, for the rest of the file. */
    private void takeOver(int group) {
        try {
            reader = ParquetReader.open(path);
        } catch (IOException e) {
            throw new TasniException(name + ": not a readable Parquet file (" + e.getMessage() + ").", e);
        }
        reader.setRequestedSchema(projection);
        for (int g = 0; g < group; g++) {
            reader.skipNextRowGroup();
        }
    }

    @Override
    public void close() throws IOException {
        closeQuietly(channel);
        if (reader != null) {
            reader.close();
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            if (ch != null) {
                ch.close();
            }
        } catch (IOException e) {
            // nothing read from it is lost
        }
    }
}
