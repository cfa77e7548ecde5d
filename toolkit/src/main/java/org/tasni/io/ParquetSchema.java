package org.tasni.io;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.tasni.TasniException;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The mapping between Parquet schemas and the toolkit's column {@link Kind}s, both ways: which Parquet types are read
 * and as what (see {@link ParquetIO}'s class comment), and the schema a table is written with.
 */
final class ParquetSchema {

    private ParquetSchema() {}

    /**
     * The schema of {@code columns} (all if null or empty) of a file named {@code name}; refuses nested or repeated
     * columns among them, and names the file's columns when one asked for is missing.
     */
    static MessageType project(String name, MessageType schema, List<String> columns) {
        for (Type t : schema.getFields()) {
            ReadChecks.requireName(name, t.getName());
            if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
                if (columns == null || columns.isEmpty() || columns.contains(t.getName())) {
                    throw new TasniException(name + ": column '" + t.getName()
                            + "' is nested or repeated; only flat columns are supported.");
                }
            }
        }
        if (columns == null || columns.isEmpty()) {
            return schema;
        }
        List<Type> fields = new ArrayList<>();
        for (String c : columns) {
            if (columns.indexOf(c) != columns.lastIndexOf(c)) {
                // a table holds a column once; two decoding tasks would also share one chunk's pages
                throw new TasniException(name + ": column '" + c + "' is asked for twice.");
            }
            if (!schema.containsField(c)) {
                List<String> have = new ArrayList<>();
                schema.getFields().forEach(f -> have.add(f.getName()));
                throw new TasniException(name + ": no column '" + c + "' (columns: " + String.join(", ", have) + ").");
            }
            fields.add(schema.getType(c));
        }
        return new MessageType(schema.getName(), fields);
    }

    /** The kind a column of the file {@code name} reads as; a type not supported is refused naming the column. */
    static Kind kindOf(String name, ColumnDescriptor d) {
        PrimitiveType p = d.getPrimitiveType();
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        String column = p.getName();
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation dec) {
            switch (p.getPrimitiveTypeName()) {
                case INT32, INT64, FIXED_LEN_BYTE_ARRAY, BINARY -> {
                    // scale 0 is an integer (an id, say): kept exact as a long; a fraction becomes the nearest double
                    return dec.getScale() == 0 ? Kind.LONG : Kind.DOUBLE;
                }
                default -> { }
            }
        }
        switch (p.getPrimitiveTypeName()) {
            case DOUBLE:
                return Kind.DOUBLE;
            case FLOAT:
                return Kind.FLOAT;
            case BOOLEAN:
                return Kind.BOOLEAN;
            case INT32:
                if (logical == null) {
                    return Kind.INT;
                }
                if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation it) {
                    int bits = it.getBitWidth();
                    if (bits <= 8 && !it.isSigned()) {
                        return Kind.SHORT;
                    }
                    return bits <= 16 && it.isSigned() ? Kind.SHORT : bits <= 16 ? Kind.INT : it.isSigned() ? Kind.INT : Kind.LONG;
                }
                break;
            case INT64:
                if (logical == null || (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation it && it.isSigned())) {
                    return Kind.LONG;
                }
                break;
            case BINARY:
                if (logical == null || logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                    return Kind.STRING;
                }
                break;
            default:
                break;
        }
        throw new TasniException(name + ": column '" + column + "' has Parquet type " + p.getPrimitiveTypeName()
                + (logical == null ? "" : " (" + logical + ")")
                + ", which is not supported; expected a number, boolean or string column.");
    }

    /**
     * The schema a table is written with: every column optional (a missing value is a Parquet null), float32 and
     * int16 kept as they are, strings as UTF-8.
     */
    static MessageType of(Table table) {
        Types.MessageTypeBuilder mb = Types.buildMessage();
        for (Column<?> c : table.columns()) {
            switch (Kind.of(table, c)) {
                case DOUBLE -> mb.optional(PrimitiveTypeName.DOUBLE).named(c.name());
                case FLOAT -> mb.optional(PrimitiveTypeName.FLOAT).named(c.name());
                case LONG -> mb.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.intType(64, true)).named(c.name());
                case INT -> mb.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(32, true)).named(c.name());
                case SHORT -> mb.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(16, true)).named(c.name());
                case BOOLEAN -> mb.optional(PrimitiveTypeName.BOOLEAN).named(c.name());
                case STRING -> mb.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
            }
        }
        return mb.named("schema");
    }
}
