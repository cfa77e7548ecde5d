package org.tasni.io;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The string values of a Parquet column chunk as the file holds them, length-prefixed UTF-8, one copied block per page,
 * each value decoded into a {@code String} only when it is read.
 *
 * <p>Why: a column of mostly distinct strings (the designations of an AllWISE tile) decoded eagerly is a
 * {@code String} and its byte array per row, 64 bytes for a 19-character designation, which the collector then
 * copies from the young generation as they survive: for the crossmatch's 694,718 designations, 44 MB of objects and a
 * 78 ms collection pause, to write out the 291,404 orphans' designations again. Here a value costs its bytes and two
 * ints, and the crossmatch's writer copies the bytes without a {@code String} at all ({@link #utf8}).
 *
 * <p>Values are only appended, by the one thread that decodes the chunk; reads may come from any thread after.
 */
final class Utf8Pool implements StringValues {

    private byte[][] blocks = new byte[4][];
    private int blockCount;
    /** Per value: its block, and the offset there of its 4-byte little-endian length (the bytes follow). */
    private int[] block = new int[0], offset = new int[0];
    private int size;
    /** The values whose bytes are not UTF-8 (null: none), which a reader refuses where a row uses one. */
    private BitSet notUtf8;

    /**
     * Makes room for {@code more} values beyond the present ones: exactly that many the first time (a caller that knows
     * a chunk's rows asks once for all of them), by half again as many after.
     */
    void reserve(int more) {
        int need = size + more;
        if (need > block.length) {
            int grown = block.length == 0 ? need
                    : (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, block.length * 3L / 2));
            block = Arrays.copyOf(block, grown);
            offset = Arrays.copyOf(offset, grown);
        }
    }

    /**
     * Appends the {@code n} PLAIN values (each a 4-byte little-endian length and its bytes) of {@code buf[at, end)};
     * returns the index of the first.
     *
     * @throws IllegalStateException if a value runs past {@code end} (a truncated or corrupt page)
     */
    int addPlain(byte[] buf, int at, int end, int n) {
        reserve(n);
        int first = size, pos = at;
        for (int k = 0; k < n; k++) {
            int len = pos + 4 <= end ? PlainValues.le32(buf, pos) : -1;
            if (len < 0 || (long) pos + 4 + len > end) {
                throw new IllegalStateException("string " + k + " of " + n + " runs past the end of its page");
            }
            block[first + k] = blockCount;
            offset[first + k] = pos - at;
            pos += 4 + len;
        }
        byte[] copy = Arrays.copyOfRange(buf, at, pos);
        addBlock(copy);
        if (!ascii(copy)) {
            checkUtf8(copy, first, n);
        }
        size += n;
        return first;
    }

    /**
     * Whether every byte of a block is below 0x80: then each of its values is ASCII, and so UTF-8 (a length prefix
     * below 128 is too; a longer one may not be, and its block is then checked value by value). One pass over bytes
     * just copied, which C2 vectorises: a designation column is all ASCII.
     */
    private static boolean ascii(byte[] b) {
        int or = 0;
        for (byte x : b) {
            or |= x;
        }
        return or >= 0;
    }

    /** Marks the values {@code first…first+n} of the last block whose bytes are not UTF-8 ({@link #firstNotUtf8}). */
    private void checkUtf8(byte[] b, int first, int n) {
        CharsetDecoder strict = ReadChecks.strictUtf8();
        for (int k = first; k < first + n; k++) {
            int at = offset[k];
            try {
                strict.reset().decode(ByteBuffer.wrap(b, at + 4, PlainValues.le32(b, at)));
            } catch (CharacterCodingException e) {
                if (notUtf8 == null) {
                    notUtf8 = new BitSet();
                }
                notUtf8.set(k);
            }
        }
    }

    /**
     * Among {@code codes[0, rows)} (values of this pool, of 16 bits unsigned where {@code narrow} is not null), the
     * first row whose value's bytes are not UTF-8, or −1. A value no row uses (a dictionary entry) does not count.
     */
    int firstNotUtf8(int[] codes, short[] narrow, int rows) {
        if (notUtf8 == null) {
            return -1;
        }
        for (int r = 0; r < rows; r++) {
            if (notUtf8.get(narrow != null ? narrow[r] & 0xFFFF : codes[r])) {
                return r;
            }
        }
        return -1;
    }

    /** Appends the empty string, Tablesaw's missing value; returns its index. */
    int addEmpty() {
        reserve(1);
        block[size] = blockCount;
        offset[size] = 0;
        addBlock(new byte[4]);
        return size++;
    }

    private void addBlock(byte[] b) {
        if (blockCount == blocks.length) {
            blocks = Arrays.copyOf(blocks, blockCount * 2);
        }
        blocks[blockCount++] = b;
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * Value i, decoded as {@code new String(bytes, UTF_8)} decodes it (a malformed sequence as U+FFFD; the reader
     * refuses a chunk with one first, {@link #firstNotUtf8}).
     */
    @Override
    public String get(int i) {
        byte[] b = blocks[block[i]];
        int at = offset[i];
        return new String(b, at + 4, PlainValues.le32(b, at), StandardCharsets.UTF_8);
    }

    @Override
    public boolean isEmpty(int i) {
        return PlainValues.le32(blocks[block[i]], offset[i]) == 0;
    }

    /**
     * Value i's UTF-8, as {@code get(i).getBytes(UTF_8)} gives it: the file's bytes where they are ASCII (a
     * designation), through the decoded string otherwise (so that a malformed sequence comes out as U+FFFD's bytes
     * either way).
     */
    byte[] utf8(int i) {
        byte[] b = blocks[block[i]];
        int at = offset[i], from = at + 4, to = from + PlainValues.le32(b, at);
        for (int k = from; k < to; k++) {
            if (b[k] < 0) {
                return get(i).getBytes(StandardCharsets.UTF_8);
            }
        }
        return Arrays.copyOfRange(b, from, to);
    }

    @Override
    public String[] strings() {
        String[] out = new String[size];
        for (int i = 0; i < size; i++) {
            out[i] = get(i);
        }
        return out;
    }
}
