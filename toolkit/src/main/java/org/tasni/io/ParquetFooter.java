package org.tasni.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Util;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * A Parquet file's footer, for the files the toolkit reads without parquet-java's file reader ({@link ParquetChunks}):
 * flat columns of the types the toolkit reads, uncompressed or snappy, not encrypted, all in this file. {@link #read}
 * answers null for any other file, or a footer it cannot parse, and the caller hands that file to parquet-java, which
 * reads every case and words every error.
 *
 * <p>The footer's Thrift is parsed by parquet-format-structures' generated classes ({@link Util#readFileMetaData}),
 * the ones parquet-java's own converter parses it with; the converter itself ({@code ParquetMetadataConverter}) is
 * what this class avoids: its class initialisation loads a shaded Jackson and Hadoop's configuration, most of a cold
 * small file's read.
 *
 * @param rows      the file's rows
 * @param createdBy the writer's name, as parquet-java's column reader wants it
 * @param schema    the columns, as parquet-java's schema types (the rest of the reader works on those)
 * @param groups    the row groups
 */
record ParquetFooter(long rows, String createdBy, MessageType schema, List<Group> groups) {

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
        FileMetaData fmd;
        try {
            fmd = Util.readFileMetaData(new ByteArrayInputStream(meta.array()));
        } catch (IOException | RuntimeException e) {
            // a corrupt or truncated footer (Thrift's errors arrive as IOExceptions, a few as runtime exceptions):
            // parquet-java reads it again and words the error
            return null;
        }
        try {
            return parse(fmd, size - 8 - len);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // a schema parquet-java's type builder refuses (a DECIMAL without its precision, a STRING annotating an
            // INT32): its open reads the footer again and names the file in the refusal, as for any footer above
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

    private static ParquetFooter parse(FileMetaData fmd, long metaStart) {
        if (fmd.isSetEncryption_algorithm() || !fmd.isSetSchema() || fmd.getNum_rows() < 0) {
            return null; // encrypted columns, or no schema
        }
        MessageType schema = schema(fmd.getSchema());
        if (schema == null) {
            return null;
        }
        List<Group> groups = new ArrayList<>();
        if (fmd.isSetRow_groups()) {
            for (RowGroup rg : fmd.getRow_groups()) {
                Group group = group(rg, metaStart);
                if (group == null || group.chunks().size() != schema.getColumns().size()) {
                    return null;
                }
                groups.add(group);
            }
        }
        return new ParquetFooter(fmd.getNum_rows(), fmd.getCreated_by(), schema, groups);
    }

    /** The schema when it is flat and of types read here; else null. */
    private static MessageType schema(List<SchemaElement> elements) {
        if (elements.isEmpty()) {
            return null;
        }
        SchemaElement root = elements.get(0);
        if (!root.isSetNum_children() || root.getNum_children() != elements.size() - 1 || root.getName() == null) {
            return null;
        }
        List<Type> fields = new ArrayList<>();
        for (SchemaElement e : elements.subList(1, elements.size())) {
            Type field = field(e);
            if (field == null) {
                return null;
            }
            fields.add(field);
        }
        return new MessageType(root.getName(), fields);
    }

    /** A leaf column of a type read here as parquet-java's type; else null. */
    private static Type field(SchemaElement e) {
        // an enum value this version does not know is read as unset (null), and refused here
        PrimitiveTypeName type = e.isSetType() ? primitive(e.getType()) : null;
        Type.Repetition repetition = !e.isSetRepetition_type() ? null : switch (e.getRepetition_type()) {
            case REQUIRED -> Type.Repetition.REQUIRED;
            case OPTIONAL -> Type.Repetition.OPTIONAL;
            case REPEATED -> null;
        };
        if ((e.isSetNum_children() && e.getNum_children() > 0) || repetition == null || type == null
                || e.getName() == null) {
            return null;
        }
        LogicalTypeAnnotation logical;
        if (e.isSetLogicalType()) {
            logical = logical(e.getLogicalType());
            if (logical == null) {
                return null;
            }
        } else if (e.isSetConverted_type()) {
            logical = e.getConverted_type() == ConvertedType.DECIMAL ? LogicalTypeAnnotation.decimalType(e.getScale(),
                    e.isSetPrecision() ? e.getPrecision() : -1) : converted(e.getConverted_type());
            if (logical == null) {
                return null;
            }
        } else {
            logical = null;
        }
        Types.PrimitiveBuilder<org.apache.parquet.schema.PrimitiveType> b = Types.primitive(type, repetition);
        if (type == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
            b = b.length(e.getType_length());
        }
        return logical == null ? b.named(e.getName()) : b.as(logical).named(e.getName());
    }

    /** A Thrift physical type as parquet-java's; null for INT96, which is not read here. */
    private static PrimitiveTypeName primitive(org.apache.parquet.format.Type t) {
        return switch (t) {
            case BOOLEAN -> PrimitiveTypeName.BOOLEAN;
            case INT32 -> PrimitiveTypeName.INT32;
            case INT64 -> PrimitiveTypeName.INT64;
            case INT96 -> null;
            case FLOAT -> PrimitiveTypeName.FLOAT;
            case DOUBLE -> PrimitiveTypeName.DOUBLE;
            case BYTE_ARRAY -> PrimitiveTypeName.BINARY;
            case FIXED_LEN_BYTE_ARRAY -> PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
        };
    }

    /** A logical type of the ones read here (text, decimals, integers); else null. */
    private static LogicalTypeAnnotation logical(LogicalType t) {
        if (t.isSetSTRING()) {
            return LogicalTypeAnnotation.stringType();
        } else if (t.isSetENUM()) {
            return LogicalTypeAnnotation.enumType();
        } else if (t.isSetJSON()) {
            return LogicalTypeAnnotation.jsonType();
        } else if (t.isSetDECIMAL()) {
            // parquet-java's column reader converts it
            return LogicalTypeAnnotation.decimalType(t.getDECIMAL().getScale(), t.getDECIMAL().getPrecision());
        } else if (t.isSetINTEGER()) {
            return LogicalTypeAnnotation.intType(t.getINTEGER().getBitWidth(), t.getINTEGER().isIsSigned());
        }
        return null;
    }

    /** A converted type of the ones read here (text and integers; DECIMAL apart) as its logical type; else null. */
    private static LogicalTypeAnnotation converted(ConvertedType c) {
        return switch (c) {
            case UTF8 -> LogicalTypeAnnotation.stringType();
            case ENUM -> LogicalTypeAnnotation.enumType();
            case JSON -> LogicalTypeAnnotation.jsonType();
            case UINT_8 -> LogicalTypeAnnotation.intType(8, false);
            case UINT_16 -> LogicalTypeAnnotation.intType(16, false);
            case UINT_32 -> LogicalTypeAnnotation.intType(32, false);
            case UINT_64 -> LogicalTypeAnnotation.intType(64, false);
            case INT_8 -> LogicalTypeAnnotation.intType(8, true);
            case INT_16 -> LogicalTypeAnnotation.intType(16, true);
            case INT_32 -> LogicalTypeAnnotation.intType(32, true);
            case INT_64 -> LogicalTypeAnnotation.intType(64, true);
            default -> null;
        };
    }

    /** A row group whose chunks are all in this file, before the footer, and of a codec read here; else null. */
    private static Group group(RowGroup rg, long metaStart) {
        if (rg.getNum_rows() < 0 || rg.getNum_rows() > Integer.MAX_VALUE || !rg.isSetColumns()) {
            return null;
        }
        List<Chunk> chunks = new ArrayList<>();
        for (ColumnChunk cc : rg.getColumns()) {
            Chunk chunk = chunk(cc, metaStart);
            if (chunk == null) {
                return null;
            }
            chunks.add(chunk);
        }
        return new Group(rg.getNum_rows(), chunks);
    }

    private static Chunk chunk(ColumnChunk cc, long metaStart) {
        if (cc.isSetFile_path() || cc.isSetCrypto_metadata() || cc.isSetEncrypted_column_metadata()
                || !cc.isSetMeta_data()) {
            return null; // another file's chunk, or encrypted
        }
        ColumnMetaData m = cc.getMeta_data();
        CompressionCodec codec = m.getCodec();
        long data = m.getData_page_offset();
        long dictionary = m.isSetDictionary_page_offset() ? m.getDictionary_page_offset() : -1;
        // a dictionary offset of 0 (some writers' "none") or after the data pages is not the chunk's start
        long start = dictionary > 0 && dictionary < data ? dictionary : data;
        long compressed = m.getTotal_compressed_size();
        if ((codec != CompressionCodec.UNCOMPRESSED && codec != CompressionCodec.SNAPPY) || m.getNum_values() < 0
                || compressed < 0 || start < 4 || start + compressed > metaStart) {
            return null;
        }
        return new Chunk(start, compressed, m.getNum_values(), codec == CompressionCodec.SNAPPY);
    }
}
