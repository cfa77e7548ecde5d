package org.tasni.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;

/**
 * A text file's bytes as they are read, checked to be UTF-8: the CSV parser's own decoding (an InputStreamReader's)
 * puts U+FFFD in place of each byte that is not, a changed value nobody sees. The check is here, on the bytes the
 * parser reads, because the parser reads ahead: its line at the moment of the failure is not the bad byte's, so the
 * failure carries the byte's offset, from which the reader counts the line.
 *
 * <p>A buffer of ASCII, the usual CSV, is passed with one pass over its bytes; others go through a strict decoder,
 * which keeps a sequence cut by the buffer's end for the next read.
 */
final class Utf8CheckedStream extends FilterInputStream {

    /** Bytes that are not UTF-8 at {@link #offset} bytes from the start of the stream. */
    static final class NotUtf8 extends IOException {
        final long offset;

        NotUtf8(long offset) {
            super("bytes that are not UTF-8 at byte " + offset);
            this.offset = offset;
        }
    }

    private final CharsetDecoder decoder = ReadChecks.strictUtf8();
    private final CharBuffer sink = CharBuffer.allocate(8192);
    /** The start of a sequence the last buffer ended inside (at most 3 bytes). */
    private final ByteBuffer pending = ByteBuffer.allocate(8);
    private long offset;

    Utf8CheckedStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            if (pending.position() > 0) {
                throw new NotUtf8(offset - pending.position()); // the file ends inside a sequence
            }
            return n;
        }
        check(b, off, n);
        offset += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported: every byte is checked");
    }

    private void check(byte[] b, int off, int n) throws IOException {
        if (pending.position() == 0) {
            int or = 0;
            for (int i = off; i < off + n; i++) {
                or |= b[i];
            }
            if (or >= 0) {
                return;
            }
        }
        // the bytes held from the last buffer first, then this one's
        int held = pending.position();
        ByteBuffer bytes;
        if (held > 0) {
            bytes = ByteBuffer.allocate(held + n);
            bytes.put(pending.flip()).put(b, off, n).flip();
            pending.clear();
        } else {
            bytes = ByteBuffer.wrap(b, off, n);
        }
        int start = bytes.position();
        while (true) {
            sink.clear();
            CoderResult r = decoder.decode(bytes, sink, false);
            if (r.isError()) {
                throw new NotUtf8(offset - held + (bytes.position() - start));
            }
            if (r.isUnderflow()) {
                break;
            }
        }
        // an incomplete sequence at the end: kept for the next read
        pending.put(bytes);
    }
}
