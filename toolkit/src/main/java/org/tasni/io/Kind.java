package org.tasni.io;

import org.tasni.TasniException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The column types every file format carries: what a catalogue holds. Each maps to one Tablesaw column type and to
 * one physical type per format (for example FLOAT is Parquet FLOAT, Arrow Float4, VOTable float, ECSV float32).
 */
enum Kind {
    DOUBLE("float64"), FLOAT("float32"), LONG("int64"), INT("int32"), SHORT("int16"), BOOLEAN("bool"), STRING("string");

    /** The ECSV datatype name. */
    final String ecsv;

    Kind(String ecsv) {
        this.ecsv = ecsv;
    }

    /**
     * The kind of a column. Dispatches on the column's class, never on {@code ColumnType} identity: depending on which
     * Tablesaw class a fresh JVM touches first, {@code column.type()} and {@code ColumnType.DOUBLE} can be two
     * different singleton instances.
     */
    static Kind of(Table table, Column<?> c) {
        if (c instanceof DoubleColumn) {
            return DOUBLE;
        } else if (c instanceof FloatColumn) {
            return FLOAT;
        } else if (c instanceof LongColumn) {
            return LONG;
        } else if (c instanceof IntColumn) {
            return INT;
        } else if (c instanceof ShortColumn) {
            return SHORT;
        } else if (c instanceof BooleanColumn) {
            return BOOLEAN;
        } else if (c instanceof StringColumn) {
            return STRING;
        }
        throw new TasniException(Columns.label(table) + ": column '" + c.name() + "' has type " + c.type().name()
                + ", which catalogue files do not carry; convert it to a number or a string first.");
    }

    static Kind ofEcsv(String datatype) {
        return switch (datatype) {
            case "float64" -> DOUBLE;
            case "float32", "float16" -> FLOAT;
            case "int64", "uint32", "uint64" -> LONG;
            case "int32", "uint16" -> INT;
            case "int16", "int8", "uint8" -> SHORT;
            case "bool" -> BOOLEAN;
            case "string" -> STRING;
            default -> null;
        };
    }

    /**
     * The values an ECSV column of {@code datatype} may hold, whatever the wider kind it is read into
     * ({@link #ofEcsv}): a uint8 column is read into 16 bits, which would hold 300 or -1 without complaint;
     * {@link IntegerRange#ANY} for the other datatypes. Values above the largest long are refused when parsed.
     */
    static IntegerRange ecsvRange(String datatype) {
        return switch (datatype) {
            case "int8" -> new IntegerRange(Byte.MIN_VALUE, Byte.MAX_VALUE, datatype);
            case "uint8" -> new IntegerRange(0, 0xFF, datatype);
            case "int16" -> new IntegerRange(Short.MIN_VALUE, Short.MAX_VALUE, datatype);
            case "uint16" -> new IntegerRange(0, 0xFFFF, datatype);
            case "int32" -> new IntegerRange(Integer.MIN_VALUE, Integer.MAX_VALUE, datatype);
            case "uint32" -> new IntegerRange(0, 0xFFFF_FFFFL, datatype);
            case "int64" -> new IntegerRange(Long.MIN_VALUE, Long.MAX_VALUE, datatype);
            case "uint64" -> new IntegerRange(0, Long.MAX_VALUE, datatype);
            default -> IntegerRange.ANY;
        };
    }

    /** Whether {@code v} is this integer kind's smallest value, Tablesaw's missing-value marker; false for the others. */
    boolean isMarker(long v) {
        return switch (this) {
            case LONG -> v == Long.MIN_VALUE;
            case INT -> v == Integer.MIN_VALUE;
            case SHORT -> v == Short.MIN_VALUE;
            default -> false;
        };
    }

    /** Why a reader refuses an {@link #isMarker} value, the words of every reader's message. */
    String markerReason() {
        int bits = this == LONG ? 64 : this == INT ? 32 : 16;
        return "the smallest " + bits + "-bit integer, which this toolkit uses as its missing-value marker and cannot "
                + "hold as a value";
    }

    ColumnType columnType() {
        return switch (this) {
            case DOUBLE -> ColumnType.DOUBLE;
            case FLOAT -> ColumnType.FLOAT;
            case LONG -> ColumnType.LONG;
            case INT -> ColumnType.INTEGER;
            case SHORT -> ColumnType.SHORT;
            case BOOLEAN -> ColumnType.BOOLEAN;
            case STRING -> ColumnType.STRING;
        };
    }
}
