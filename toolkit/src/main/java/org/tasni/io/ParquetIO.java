package org.tasni.io;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.tasni.TasniException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Parquet files ↔ Tablesaw tables through parquet-java, with no Hadoop file system involved.
 *
 * <p>Reading streams one row group at a time and decodes only the requested columns, so memory follows the row
 * group, not the file ({@link #forEachRowGroup}). Flat schemas of double, float, int8/16/32/64, boolean, string and
 * DECIMAL columns are supported; anything else is an error that names the file and the column. A DECIMAL with scale 0
 * (an id, say) reads as a long, exactly, and one that does not fit 64 bits is refused naming the row; a DECIMAL with a
 * fraction reads as the nearest double, so precisions beyond about 15 significant digits are rounded.
 *
 * <p>Writing uses snappy, keeps float32 as float32 and int16 as int16, and marks every column optional: a missing
 * value (NaN, Tablesaw's integer marker, or an empty string) is written as a Parquet null, which pandas, pyarrow and
 * DuckDB read as NaN/None/NULL. Files are written atomically ({@link AtomicFiles}).
 */
public final class ParquetIO {

    /** Row-group size in uncompressed bytes (the architecture's convention). */
    public static final long DEFAULT_ROW_GROUP_BYTES = 128L * 1024 * 1024;

    private ParquetIO() {}

    /** Reads the whole file, or only {@code columns} (in that order) if any are named. */
    public static Table read(Path path, List<String> columns) {
        List<Table> parts = new ArrayList<>();
        forEachRowGroup(path, columns, parts::add);
        Table result = parts.get(0);
        for (int k = 1; k < parts.size(); k++) {
            result.append(parts.get(k));
        }
        return result;
    }

    /**
     * Calls {@code action} with one table per row group, holding only {@code columns} (all if empty). A file with no
     * row groups gives one empty table with the file's columns.
     */
    public static void forEachRowGroup(Path path, List<String> columns, Consumer<Table> action) {
        String name = path.getFileName().toString();
        requireFile(path);
        try (ParquetFileReader reader = open(path)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            MessageType projection = project(name, schema, columns);
            List<Kind> kinds = new ArrayList<>();
            for (ColumnDescriptor d : projection.getColumns()) {
                kinds.add(kindOf(name, d));
            }
            reader.setRequestedSchema(projection);
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            int group = 0;
            long firstRow = 0;
            boolean any = false;
            PageReadStore pages;
            while ((pages = nextRowGroup(reader, name, group)) != null) {
                Table t = decode(name, group, firstRow, pages, projection, kinds, createdBy);
                firstRow += t.rowCount();
                action.accept(t);
                any = true;
                group++;
            }
            if (!any) {
                Table empty = Table.create(name);
                List<ColumnDescriptor> ds = projection.getColumns();
                for (int k = 0; k < ds.size(); k++) {
                    ReadChecks.add(empty, name, new ColumnBuilder(ds.get(k).getPath()[0], kinds.get(k), 0).build());
                }
                action.accept(empty);
            }
        } catch (IOException e) {
            throw new TasniException(name + ": could not read the Parquet file (" + e.getMessage() + ").", e);
        }
    }

    /** The number of rows, from the footer alone. */
    public static long rowCount(Path path) {
        requireFile(path);
        try (ParquetFileReader reader = open(path)) {
            return reader.getRecordCount();
        } catch (IOException e) {
            throw new TasniException(path.getFileName() + ": could not read the Parquet footer (" + e.getMessage() + ").", e);
        }
    }

    /** The column names, from the footer alone. */
    public static List<String> columnNames(Path path) {
        requireFile(path);
        try (ParquetFileReader reader = open(path)) {
            List<String> names = new ArrayList<>();
            for (Type t : reader.getFooter().getFileMetaData().getSchema().getFields()) {
                names.add(t.getName());
            }
            return names;
        } catch (IOException e) {
            throw new TasniException(path.getFileName() + ": could not read the Parquet footer (" + e.getMessage() + ").", e);
        }
    }

    private static void requireFile(Path path) {
        ReadChecks.requireFile(path);
    }

    private static ParquetFileReader open(Path path) throws IOException {
        LocalInputFile file = new LocalInputFile(path);
        try {
            return ParquetFileReader.open(file, ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
        } catch (RuntimeException | IOException e) {
            // parquet-java names the file by its object identity (LocalInputFile@3712b94): say "the file" instead
            String why = String.valueOf(e.getMessage()).replace(file.toString(), "the file");
            throw new TasniException(path.getFileName() + ": not a readable Parquet file (" + why + ").", e);
        }
    }

    private static PageReadStore nextRowGroup(ParquetFileReader reader, String name, int group) {
        try {
            return reader.readNextRowGroup();
        } catch (IOException | RuntimeException e) {
            throw new TasniException(name + ": row group " + group + " is corrupt (" + e.getMessage() + ").", e);
        }
    }

    private static MessageType project(String name, MessageType schema, List<String> columns) {
        for (Type t : schema.getFields()) {
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
            if (!schema.containsField(c)) {
                List<String> have = new ArrayList<>();
                schema.getFields().forEach(f -> have.add(f.getName()));
                throw new TasniException(name + ": no column '" + c + "' (columns: " + String.join(", ", have) + ").");
            }
            fields.add(schema.getType(c));
        }
        return new MessageType(schema.getName(), fields);
    }

    private static Kind kindOf(String name, ColumnDescriptor d) {
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

    private static Table decode(String name, int group, long firstRow, PageReadStore pages, MessageType projection,
            List<Kind> kinds, String createdBy) {
        int rows = Math.toIntExact(pages.getRowCount());
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages,
                new DummyRecordConverter(projection).getRootConverter(), projection, createdBy);
        Table t = Table.create(name);
        List<ColumnDescriptor> ds = projection.getColumns();
        for (int k = 0; k < ds.size(); k++) {
            ColumnDescriptor d = ds.get(k);
            String column = d.getPath()[0];
            try {
                ReadChecks.add(t, name, decodeColumn(store.getColumnReader(d), d, kinds.get(k), name, column, firstRow, rows));
            } catch (RuntimeException e) {
                if (e instanceof TasniException) {
                    throw e;
                }
                throw new TasniException(name + ": column '" + column + "' in row group " + group
                        + " could not be decoded (" + e.getMessage() + ").", e);
            }
        }
        return t;
    }

    private static Column<?> decodeColumn(ColumnReader r, ColumnDescriptor d, Kind kind, String file, String column,
            long firstRow, int rows) {
        int maxDef = d.getMaxDefinitionLevel();
        PrimitiveTypeName physical = d.getPrimitiveType().getPrimitiveTypeName();
        int scale = d.getPrimitiveType().getLogicalTypeAnnotation()
                instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation dec ? dec.getScale() : -1;
        ColumnBuilder b = new ColumnBuilder(file, column, kind, rows);
        for (int i = 0; i < rows; i++) {
            if (r.getCurrentDefinitionLevel() < maxDef) {
                b.addMissing();
            } else if (scale >= 0) {
                BigInteger unscaled = switch (physical) {
                    case INT32 -> BigInteger.valueOf(r.getInteger());
                    case INT64 -> BigInteger.valueOf(r.getLong());
                    default -> new BigInteger(r.getBinary().getBytes());
                };
                if (scale == 0) {
                    if (unscaled.bitLength() > 63 || unscaled.longValue() == Long.MIN_VALUE) {
                        throw new TasniException(file + ": column '" + column + "' (DECIMAL, scale 0) holds " + unscaled
                                + " at data row " + (firstRow + i + 1) + ", which does not fit a 64-bit integer.");
                    }
                    b.addLong(unscaled.longValueExact());
                } else {
                    b.addDouble(new BigDecimal(unscaled, scale).doubleValue());
                }
            } else {
                switch (physical) {
                    case DOUBLE -> b.addDouble(r.getDouble());
                    case FLOAT -> b.addFloat(r.getFloat());
                    case INT32 -> {
                        long v = kind == Kind.LONG ? Integer.toUnsignedLong(r.getInteger()) : r.getInteger();
                        b.addLong(notMarker(v, kind, file, column, firstRow + i));
                    }
                    case INT64 -> b.addLong(notMarker(r.getLong(), kind, file, column, firstRow + i));
                    case BOOLEAN -> b.addBoolean(r.getBoolean());
                    case BINARY -> b.addString(r.getBinary().toStringUsingUTF8());
                    default -> throw new IllegalStateException("unreachable: " + physical);
                }
            }
            r.consume();
        }
        return b.build();
    }

    /**
     * A stored value equal to the smallest value of its type would read back as missing (Tablesaw's marker): refused
     * rather than silently lost.
     */
    private static long notMarker(long v, Kind kind, String file, String column, long row) {
        boolean marker = switch (kind) {
            case LONG -> v == Long.MIN_VALUE;
            case INT -> v == Integer.MIN_VALUE;
            case SHORT -> v == Short.MIN_VALUE;
            default -> false;
        };
        if (marker) {
            throw new TasniException(file + ": column '" + column + "' holds " + v + " at data row " + (row + 1)
                    + ", the smallest " + kind.ecsv + ", which this toolkit uses as its missing-value marker.");
        }
        return v;
    }

    /** Writes {@code table} with the default row-group size. */
    public static void write(Table table, Path path) {
        write(table, path, DEFAULT_ROW_GROUP_BYTES);
    }

    /** Writes {@code table}, starting a new row group every {@code rowGroupBytes} uncompressed bytes. */
    public static void write(Table table, Path path, long rowGroupBytes) {
        try (Writer w = writer(table, path, rowGroupBytes)) {
            w.write(table);
            w.commit();
        }
    }

    /**
     * A writer that appends tables with the columns of {@code schema} (names and types) and appears under
     * {@code path} only at {@link Writer#commit()}: a merge of many parts streams through it without holding them all.
     */
    public static Writer writer(Table schema, Path path, long rowGroupBytes) {
        return new Writer(schema, path, rowGroupBytes);
    }

    /** Streams tables into one Parquet file, written to a temporary file and renamed into place on commit. */
    public static final class Writer implements AutoCloseable {
        private final Path path;
        private final Path tmp;
        private final RowWriter rows;
        private final ParquetWriter<Integer> out;
        private boolean done;

        private Writer(Table schema, Path path, long rowGroupBytes) {
            this.path = path;
            this.rows = new RowWriter(schema);
            this.tmp = AtomicFiles.temporaryFor(path);
            try {
                this.out = new Builder(new LocalOutputFile(tmp), rows).withConf(new PlainParquetConfiguration())
                        .withCompressionCodec(CompressionCodecName.SNAPPY).withRowGroupSize(rowGroupBytes).build();
            } catch (IOException e) {
                throw new TasniException(path + ": could not write the file (" + e + ").", e);
            }
        }

        /** Appends every row of {@code part}, whose columns must have the schema's names and types. */
        public void write(Table part) {
            rows.bind(part);
            try {
                for (int i = 0; i < part.rowCount(); i++) {
                    out.write(i);
                }
            } catch (IOException e) {
                throw new TasniException(path + ": could not write the file (" + e + ").", e);
            }
        }

        /** Finishes the file and moves it to its final name. */
        public void commit() {
            AtomicFiles.write(path, target -> {
                out.close();
                done = true;
                Files.move(tmp, target);
            });
        }

        /** Without a commit, discards the temporary file. */
        @Override
        public void close() {
            if (!done) {
                done = true;
                try {
                    out.close();
                } catch (IOException | RuntimeException ignored) {
                    // the write is being abandoned; its error, if any, was already reported
                }
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do for a temporary file
                }
            }
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
        private final RowWriter support;

        Builder(OutputFile file, RowWriter support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }

    /**
     * Emits row i of the bound table. The schema comes from the first table; each table bound later must have the
     * same column names and types, and its primitive arrays are taken out once, when it is bound.
     */
    private static final class RowWriter extends WriteSupport<Integer> {
        private final MessageType schema;
        private final Kind[] kinds;
        private final String[] names;
        private final Object[] data;
        private final Column<?>[] columns;
        private RecordConsumer out;

        RowWriter(Table table) {
            int n = table.columnCount();
            kinds = new Kind[n];
            names = new String[n];
            data = new Object[n];
            columns = new Column<?>[n];
            Types.MessageTypeBuilder mb = Types.buildMessage();
            for (int k = 0; k < n; k++) {
                Column<?> c = table.column(k);
                Kind kind = Kind.of(table, c);
                kinds[k] = kind;
                names[k] = c.name();
                switch (kind) {
                    case DOUBLE -> mb.optional(PrimitiveTypeName.DOUBLE).named(c.name());
                    case FLOAT -> mb.optional(PrimitiveTypeName.FLOAT).named(c.name());
                    case LONG -> mb.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.intType(64, true)).named(c.name());
                    case INT -> mb.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(32, true)).named(c.name());
                    case SHORT -> mb.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(16, true)).named(c.name());
                    case BOOLEAN -> mb.optional(PrimitiveTypeName.BOOLEAN).named(c.name());
                    case STRING -> mb.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
                }
            }
            schema = mb.named("schema");
        }

        /** Makes {@code table} the source of the next rows written. */
        void bind(Table table) {
            if (table.columnCount() != names.length) {
                throw new TasniException(table.name() + ": has " + table.columnCount() + " columns; the file being written has "
                        + names.length + " (" + String.join(", ", names) + ").");
            }
            for (int k = 0; k < names.length; k++) {
                Column<?> c = table.column(k);
                Kind kind = Kind.of(table, c);
                if (!c.name().equals(names[k]) || kind != kinds[k]) {
                    throw new TasniException(table.name() + ": column " + k + " is '" + c.name() + "' (" + kind
                            + "); the file being written has '" + names[k] + "' (" + kinds[k] + ") there.");
                }
                columns[k] = c;
                data[k] = switch (kind) {
                    case DOUBLE -> ((NumericColumn<?>) c).asDoubleArray();
                    case FLOAT -> ((FloatColumn) c).asFloatArray();
                    case LONG -> ((LongColumn) c).asLongArray();
                    case INT -> ((IntColumn) c).asIntArray();
                    case SHORT -> ((ShortColumn) c).asShortArray();
                    case BOOLEAN -> null;
                    case STRING -> c instanceof StringColumn s ? s.asObjectArray() : c.asObjectArray();
                };
            }
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        @Override
        public void write(Integer boxedRow) {
            int row = boxedRow;
            out.startMessage();
            for (int k = 0; k < kinds.length; k++) {
                switch (kinds[k]) {
                    case DOUBLE -> {
                        double v = ((double[]) data[k])[row];
                        if (!Double.isNaN(v)) {
                            out.startField(names[k], k);
                            out.addDouble(v);
                            out.endField(names[k], k);
                        }
                    }
                    case FLOAT -> {
                        float v = ((float[]) data[k])[row];
                        if (!Float.isNaN(v)) {
                            out.startField(names[k], k);
                            out.addFloat(v);
                            out.endField(names[k], k);
                        }
                    }
                    case LONG -> {
                        long v = ((long[]) data[k])[row];
                        if (v != Long.MIN_VALUE) {
                            out.startField(names[k], k);
                            out.addLong(v);
                            out.endField(names[k], k);
                        }
                    }
                    case INT -> {
                        int v = ((int[]) data[k])[row];
                        if (v != Integer.MIN_VALUE) {
                            out.startField(names[k], k);
                            out.addInteger(v);
                            out.endField(names[k], k);
                        }
                    }
                    case SHORT -> {
                        short v = ((short[]) data[k])[row];
                        if (v != Short.MIN_VALUE) {
                            out.startField(names[k], k);
                            out.addInteger(v);
                            out.endField(names[k], k);
                        }
                    }
                    case BOOLEAN -> {
                        BooleanColumn c = (BooleanColumn) columns[k];
                        if (!c.isMissing(row)) {
                            out.startField(names[k], k);
                            out.addBoolean(c.get(row));
                            out.endField(names[k], k);
                        }
                    }
                    case STRING -> {
                        Object v = ((Object[]) data[k])[row];
                        if (v != null && !v.toString().isEmpty()) {
                            out.startField(names[k], k);
                            out.addBinary(Binary.fromString(v.toString()));
                            out.endField(names[k], k);
                        }
                    }
                }
            }
            out.endMessage();
        }
    }
}
