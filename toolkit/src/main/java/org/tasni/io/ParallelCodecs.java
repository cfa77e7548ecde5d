package org.tasni.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * parquet-java's codecs made safe to call from several threads at once, so that {@link ParquetReader} can decompress
 * the columns of a row group in parallel. parquet-java hands every column chunk the same cached decompressor, which
 * keeps state between calls: snappy (what this toolkit, pyarrow and DuckDB write by default) is decompressed here
 * with snappy-java's stateless call instead, an uncompressed page is passed through, and any other codec is the
 * cached one under a lock, its output copied before the lock is released (its stream would otherwise be read later,
 * in another thread).
 */
final class ParallelCodecs implements CompressionCodecFactory {

    private final CompressionCodecFactory delegate;

    ParallelCodecs(CompressionCodecFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return delegate.getCompressor(codec);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new Stateless(false);
            case SNAPPY -> new Stateless(true);
            default -> new Locked(delegate.getDecompressor(codec));
        };
    }

    @Override
    public void release() {
        delegate.release();
    }

    /** No codec, or snappy through its stateless native call. */
    private record Stateless(boolean snappy) implements BytesInputDecompressor {

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            if (!snappy) {
                return bytes;
            }
            // a heap page is read in place: BytesInput.toByteArray would copy it through a channel first
            ByteBuffer page = bytes.toByteBuffer();
            byte[] in;
            int off, len = page.remaining();
            if (page.hasArray()) {
                in = page.array();
                off = page.arrayOffset() + page.position();
            } else {
                in = new byte[len];
                page.duplicate().get(in);
                off = 0;
            }
            byte[] out = new byte[uncompressedSize];
            int n = Snappy.uncompress(in, off, len, out, 0);
            if (n != uncompressedSize) {
                throw new IOException("snappy page of " + n + " bytes, its header says " + uncompressedSize);
            }
            return BytesInput.from(out);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
                throws IOException {
            if (!snappy) {
                ByteBuffer in = input.duplicate();
                in.limit(in.position() + compressedSize);
                output.put(in);
                return;
            }
            byte[] in = new byte[compressedSize];
            input.duplicate().get(in);
            byte[] out = new byte[decompressedSize];
            Snappy.uncompress(in, 0, compressedSize, out, 0);
            output.put(out);
        }

        @Override
        public void release() {
            // nothing held
        }
    }

    /** Another codec's shared decompressor, one caller at a time, its output read out while the lock is held. */
    private record Locked(BytesInputDecompressor shared) implements BytesInputDecompressor {

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            synchronized (shared) {
                return BytesInput.copy(shared.decompress(bytes, uncompressedSize));
            }
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
                throws IOException {
            synchronized (shared) {
                shared.decompress(input, compressedSize, output, decompressedSize);
            }
        }

        @Override
        public void release() {
            // the delegate factory releases its own decompressors
        }
    }
}
