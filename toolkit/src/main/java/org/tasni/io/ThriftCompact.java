package org.tasni.io;

import java.nio.charset.StandardCharsets;

/**
 * A reader of Thrift's compact protocol over a byte array: the encoding of a Parquet file's footer and page headers.
 * Just what {@link ParquetFooter} needs: field headers, integers, strings, list headers, and skipping any field it
 * does not read. Written here so that reading a Parquet file's footer does not load parquet-java's metadata stack
 * (its footer class alone initialises a shaded Jackson, several hundred classes, for a JSON dump nobody asks for).
 *
 * <p>Every read checks its bounds: a truncated or corrupt footer throws {@link IllegalStateException}, which the
 * caller answers by handing the file to parquet-java, whose messages the toolkit's errors already quote.
 */
final class ThriftCompact {

    /** Compact-protocol type codes. */
    static final int STOP = 0, TRUE = 1, FALSE = 2, BYTE = 3, I16 = 4, I32 = 5, I64 = 6, DOUBLE = 7, BINARY = 8,
            LIST = 9, SET = 10, MAP = 11, STRUCT = 12;

    private final byte[] buf;
    private int pos;
    private final int end;
    /** The id of the last field read in each open struct, innermost last (field ids are written as deltas). */
    private final int[] lastId = new int[64];
    private int depth;
    /** The type of the field header just read (a boolean field carries its value in its type). */
    private int fieldType;

    ThriftCompact(byte[] buf, int pos, int end) {
        this.buf = buf;
        this.pos = pos;
        this.end = end;
    }

    /** The position after the bytes read so far. */
    int position() {
        return pos;
    }

    /** Enters a struct: its fields follow, up to a {@link #STOP}. */
    void beginStruct() {
        if (++depth >= lastId.length) {
            throw new IllegalStateException("structures nested too deep");
        }
        lastId[depth] = 0;
    }

    /**
     * The next field's id, or -1 at the struct's end (which also leaves the struct). Its type is then
     * {@link #fieldType()}.
     */
    int nextField() {
        int b = u8();
        int type = b & 0x0F;
        if (type == STOP) {
            depth--;
            return -1;
        }
        int delta = b >>> 4;
        int id = delta == 0 ? (short) zigzag(varint()) : lastId[depth] + delta;
        lastId[depth] = id;
        fieldType = type;
        return id;
    }

    /** The type of the field whose header {@link #nextField} read. */
    int fieldType() {
        return fieldType;
    }

    /** A boolean field's value (held in its header). */
    boolean fieldBoolean() {
        return fieldType == TRUE;
    }

    /** An i16, i32 or i64 value. */
    long integer() {
        return zigzag(varint());
    }

    /** An i32 value that must fit an int. */
    int i32() {
        long v = integer();
        if (v != (int) v) {
            throw new IllegalStateException("integer " + v + " out of range");
        }
        return (int) v;
    }

    /** A binary value as UTF-8 text. */
    String string() {
        int n = length();
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** A list or set header: its element count; {@link #elementType} then says their type. */
    int listSize() {
        int b = u8();
        elementType = b & 0x0F;
        int n = b >>> 4;
        if (n == 15) {
            n = length();
        }
        return n;
    }

    private int elementType;

    /** The element type of the list whose header {@link #listSize} read. */
    int elementType() {
        return elementType;
    }

    /** Skips a value of {@code type} (of a field or list element). */
    void skip(int type) {
        switch (type) {
            case TRUE, FALSE -> { }
            case BYTE -> need(1);
            case I16, I32, I64 -> varint();
            case DOUBLE -> need(8);
            case BINARY -> need(length());
            case LIST, SET -> {
                int n = listSize();
                int t = elementType;
                for (int k = 0; k < n; k++) {
                    // a boolean element is one byte, not a type code
                    if (t == TRUE || t == FALSE) {
                        need(1);
                    } else {
                        skip(t);
                    }
                }
            }
            case MAP -> {
                int n = length();
                if (n > 0) {
                    int kv = u8();
                    for (int k = 0; k < n; k++) {
                        skip(kv >>> 4);
                        skip(kv & 0x0F);
                    }
                }
            }
            case STRUCT -> {
                beginStruct();
                while (nextField() >= 0) {
                    skip(fieldType);
                }
            }
            default -> throw new IllegalStateException("unknown Thrift type " + type);
        }
    }

    /** Skips the rest of the current struct, leaving it. */
    void skipRest() {
        while (nextField() >= 0) {
            skip(fieldType);
        }
    }

    private int length() {
        long n = varint();
        if (n < 0 || n > end - pos) {
            throw new IllegalStateException("a length of " + n + " past the end of the metadata");
        }
        return (int) n;
    }

    private void need(int n) {
        if (n > end - pos) {
            throw new IllegalStateException("the metadata end early");
        }
        pos += n;
    }

    private int u8() {
        if (pos >= end) {
            throw new IllegalStateException("the metadata end early");
        }
        return buf[pos++] & 0xFF;
    }

    private long varint() {
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = u8();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalStateException("a varint longer than 10 bytes");
    }

    private static long zigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
