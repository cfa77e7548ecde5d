package org.tasni.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * A Parquet file's footer read by the toolkit itself ({@link ThriftCompact}), for the files it reads without
 * parquet-java's file reader ({@link ParquetChunks}): flat columns of the types the toolkit reads, uncompressed or
 * snappy, not encrypted, all in this file. {@link #read} answers null for any other file, or a footer it cannot parse,
 * and the caller hands that file to parquet-java, which reads every case and words every error.
 *
 * @param rows      the file's rows
 * @param createdBy the writer's name, as parquet-java's column reader wants it
 * @param schema    the columns, as parquet-java's schema types (the rest of the reader works on those)
 * @param groups    the row groups
 */
record ParquetFooter(long rows, String createdBy, MessageType schema, List<Group> groups) {

    /** Thrift's Parquet type codes as parquet-java's types (3, INT96, is not read here). */
    private static final PrimitiveTypeName[] TYPES = {PrimitiveTypeName.BOOLEAN, PrimitiveTypeName.INT32,
        PrimitiveTypeName.INT64, null, PrimitiveTypeName.FLOAT, PrimitiveTypeName.DOUBLE, PrimitiveTypeName.BINARY,
        PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY};

    /** Codecs read here: uncompressed (0) and snappy (1). */
    private static final int SNAPPY = 1;

    /**
     * One row group: its rows and a chunk per column, in the schema's order.
     *
     * @param rows   the group's rows
     * @param chunks its column chunks
     */
    record Group(long rows, List<Chunk> chunks) {}

    /**
     * Where a column chunk's pages are.
     *
     * @param start  the offset of its first page (the dictionary's, if any)
     * @param length its bytes
     * @param values the values its pages hold
     * @param snappy whether its pages are snappy-compressed (else uncompressed)
     */
    record Chunk(long start, long length, long values, boolean snappy) {}

    /** The footer of the file open in {@code ch}, or null if this reader does not take the file (see the class). */
    static ParquetFooter read(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 12) {
            return null;
        }
        ByteBuffer tail = ByteBuffer.allocate(8);
        readFully(ch, tail, size - 8);
        int len = Integer.reverseBytes(tail.getInt(0));
        // "PAR1": a plain footer ("PARE" is an encrypted one)
        if (tail.getInt(4) != 0x50415231 || len <= 0 || len > size - 12) {
            return null;
        }
        ByteBuffer meta = ByteBuffer.allocate(len);
        readFully(ch, meta, size - 8 - len);
        try {
            return parse(new ThriftCompact(meta.array(), 0, len), size - 8 - len);
        } catch (IllegalStateException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Reads {@code buf.remaining()} bytes at {@code at}. */
    static void readFully(FileChannel ch, ByteBuffer buf, long at) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, at + buf.position());
            if (n < 0) {
                throw new IOException("the file ends early");
            }
        }
    }

    private static ParquetFooter parse(ThriftCompact in, long metaStart) {
        in.beginStruct();
        long rows = -1;
        String createdBy = null;
        MessageType schema = null;
        List<Group> groups = new ArrayList<>();
        for (int id = in.nextField(); id >= 0; id = in.nextField()) {
            switch (id) {
                case 2 -> schema = schema(in);
                case 3 -> rows = in.integer();
                case 4 -> {
                    int n = in.listSize();
                    for (int g = 0; g < n; g++) {
                        Group group = group(in, metaStart);
                        if (group == null) {
                            return null;
                        }
                        groups.add(group);
                    }
                }
                case 6 -> createdBy = in.string();
                case 8 -> {
                    return null; // encrypted columns
                }
                default -> in.skip(in.fieldType());
            }
        }
        if (schema == null || rows < 0) {
            return null;
        }
        for (Group g : groups) {
            if (g.chunks().size() != schema.getColumns().size()) {
                return null;
            }
        }
        return new ParquetFooter(rows, createdBy, schema, groups);
    }

    /** The schema when it is flat and of types read here; else null. */
    private static MessageType schema(ThriftCompact in) {
        int n = in.listSize();
        String root = null;
        List<Type> fields = new ArrayList<>();
        boolean ok = true;
        for (int e = 0; e < n; e++) {
            in.beginStruct();
            int type = -1, repetition = -1, children = -1, converted = -1, bits = -1, scale = 0, precision = -1, length = 0;
            boolean signed = true;
            String name = null;
            LogicalTypeAnnotation logical = null;
            boolean logicalOther = false, logicalSet = false;
            for (int id = in.nextField(); id >= 0; id = in.nextField()) {
                switch (id) {
                    case 1 -> type = in.i32();
                    case 2 -> length = in.i32();
                    case 3 -> repetition = in.i32();
                    case 4 -> name = in.string();
                    case 5 -> children = in.i32();
                    case 6 -> converted = in.i32();
                    case 7 -> scale = in.i32();
                    case 8 -> precision = in.i32();
                    case 10 -> {
                        logicalSet = true;
                        in.beginStruct();
                        for (int u = in.nextField(); u >= 0; u = in.nextField()) {
                            switch (u) {
                                case 1 -> logical = LogicalTypeAnnotation.stringType();
                                case 4 -> logical = LogicalTypeAnnotation.enumType();
                                case 12 -> logical = LogicalTypeAnnotation.jsonType();
                                case 5 -> {
                                    // DECIMAL: scale (1) and precision (2); parquet-java's column reader converts it
                                    int sc = 0, pr = -1;
                                    in.beginStruct();
                                    for (int f = in.nextField(); f >= 0; f = in.nextField()) {
                                        if (f == 1) {
                                            sc = in.i32();
                                        } else if (f == 2) {
                                            pr = in.i32();
                                        } else {
                                            in.skip(in.fieldType());
                                        }
                                    }
                                    logical = LogicalTypeAnnotation.decimalType(sc, pr);
                                    continue;
                                }
                                case 10 -> {
                                    in.beginStruct();
                                    for (int f = in.nextField(); f >= 0; f = in.nextField()) {
                                        if (f == 1) {
                                            bits = in.i32();
                                        } else if (f == 2) {
                                            signed = in.fieldBoolean();
                                        } else {
                                            in.skip(in.fieldType());
                                        }
                                    }
                                    logical = LogicalTypeAnnotation.intType(bits, signed);
                                    continue;
                                }
                                default -> logicalOther = true;
                            }
                            in.skip(in.fieldType());
                        }
                    }
                    default -> in.skip(in.fieldType());
                }
            }
            if (e == 0) {
                root = name;
                ok &= children == n - 1;
                continue;
            }
            if (!ok || logicalOther || children > 0 || repetition < 0 || repetition > 1 || type < 0
                    || type >= TYPES.length || TYPES[type] == null || name == null) {
                ok = false;
                continue;
            }
            if (!logicalSet) {
                logical = converted == 5 ? LogicalTypeAnnotation.decimalType(scale, precision) : converted(converted);
                if (converted >= 0 && logical == null) {
                    ok = false;
                    continue;
                }
            }
            Types.PrimitiveBuilder<org.apache.parquet.schema.PrimitiveType> b = Types.primitive(TYPES[type],
                    repetition == 0 ? Type.Repetition.REQUIRED : Type.Repetition.OPTIONAL);
            if (TYPES[type] == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
                b = b.length(length);
            }
            fields.add(logical == null ? b.named(name) : b.as(logical).named(name));
        }
        return ok && root != null ? new MessageType(root, fields) : null;
    }

    /** A converted type of the ones read here (text and integers; DECIMAL apart) as its logical type; else null. */
    private static LogicalTypeAnnotation converted(int c) {
        return switch (c) {
            case 0 -> LogicalTypeAnnotation.stringType();
            case 4 -> LogicalTypeAnnotation.enumType();
            case 19 -> LogicalTypeAnnotation.jsonType();
            case 11, 12, 13, 14 -> LogicalTypeAnnotation.intType(8 << (c - 11), false);
            case 15, 16, 17, 18 -> LogicalTypeAnnotation.intType(8 << (c - 15), true);
            default -> null;
        };
    }

    /** A row group whose chunks are all in this file, before the footer, and of a codec read here; else null. */
    private static Group group(ThriftCompact in, long metaStart) {
        in.beginStruct();
        long rows = -1;
        List<Chunk> chunks = new ArrayList<>();
        boolean ok = true;
        for (int id = in.nextField(); id >= 0; id = in.nextField()) {
            if (id == 3) {
                rows = in.integer();
            } else if (id == 1) {
                int n = in.listSize();
                for (int c = 0; c < n; c++) {
                    Chunk chunk = chunk(in, metaStart);
                    ok &= chunk != null;
                    chunks.add(chunk);
                }
            } else {
                in.skip(in.fieldType());
            }
        }
        return ok && rows >= 0 && rows <= Integer.MAX_VALUE ? new Group(rows, chunks) : null;
    }

    private static Chunk chunk(ThriftCompact in, long metaStart) {
        in.beginStruct();
        Chunk chunk = null;
        boolean ok = true;
        for (int id = in.nextField(); id >= 0; id = in.nextField()) {
            switch (id) {
                case 1, 8, 9 -> {
                    ok = false; // another file's chunk, or encrypted
                    in.skip(in.fieldType());
                }
                case 3 -> chunk = columnMeta(in, metaStart);
                default -> in.skip(in.fieldType());
            }
        }
        return ok ? chunk : null;
    }

    private static Chunk columnMeta(ThriftCompact in, long metaStart) {
        in.beginStruct();
        int codec = -1;
        long values = -1, compressed = -1, data = -1, dictionary = -1;
        for (int id = in.nextField(); id >= 0; id = in.nextField()) {
            switch (id) {
                case 4 -> codec = in.i32();
                case 5 -> values = in.integer();
                case 7 -> compressed = in.integer();
                case 9 -> data = in.integer();
                case 11 -> dictionary = in.integer();
                default -> in.skip(in.fieldType());
            }
        }
        // a dictionary offset of 0 (some writers' "none") or after the data pages is not the chunk's start
        long start = dictionary > 0 && dictionary < data ? dictionary : data;
        if (codec < 0 || codec > SNAPPY || values < 0 || compressed < 0 || start < 4 || start + compressed > metaStart) {
            return null;
        }
        return new Chunk(start, compressed, values, codec == SNAPPY);
    }
}
