package org.tasni.io;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.tasni.TasniException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Emits row i of the bound table. The schema comes from the first table; each table bound later must have the
 * same column names and types, and its primitive arrays are taken out once, when it is bound. The write side of
 * {@link ParquetIO}, behind its {@link ParquetIO.Writer}.
 */
final class ParquetRowWriter extends WriteSupport<Integer> {
    private final MessageType schema;
    private final Kind[] kinds;
    private final String[] names;
    private final Object[] data;
    private final Column<?>[] columns;
    /**
     * Columns of mostly distinct values, which get no dictionary: strings read with a deferred dictionary (known
     * without building it) and floating-point columns whose first values are mostly distinct (positions, separations;
     * not magnitudes of a few decimals or epochs shared by many sources, which a dictionary makes much smaller).
     */
    private final boolean[] mostlyDistinct;
    /** How many leading values decide whether a floating-point column is mostly distinct. */
    private static final int DISTINCT_SAMPLE = 4096;
    private RecordConsumer out;

    ParquetRowWriter(Table table) {
        int n = table.columnCount();
        kinds = new Kind[n];
        names = new String[n];
        data = new Object[n];
        columns = new Column<?>[n];
        mostlyDistinct = new boolean[n];
        for (int k = 0; k < n; k++) {
            mostlyDistinct[k] = table.column(k) instanceof StringColumn s ? s.getDictionary() instanceof DeferredDictionary
                    : table.column(k) instanceof NumericColumn<?> c && mostlyDistinctFloating(c);
            kinds[k] = Kind.of(table, table.column(k));
            names[k] = table.column(k).name();
        }
        schema = ParquetSchema.of(table);
    }

    /** A double or float column more than half of whose first values (up to {@link #DISTINCT_SAMPLE}) differ. */
    private static boolean mostlyDistinctFloating(NumericColumn<?> c) {
        if (!(c instanceof DoubleColumn) && !(c instanceof FloatColumn)) {
            return false;
        }
        int n = Math.min(c.size(), DISTINCT_SAMPLE);
        HashSet<Long> seen = new HashSet<>(2 * n);
        for (int i = 0; i < n; i++) {
            seen.add(Double.doubleToLongBits(c.getDouble(i)));
        }
        return seen.size() > n / 2;
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
            Object col = data[k];
            // a missing value (NaN, Tablesaw's integer marker, an empty string) is a Parquet null: no field at all.
            // One switch reads, tests and adds the value: this loop runs once per cell of every file written, and a
            // separate missing(k, row) test before a second switch made the encoder alone 10-40 % slower (measured).
            switch (kinds[k]) {
                case DOUBLE -> {
                    double v = ((double[]) col)[row];
                    if (Double.isNaN(v)) {
                        continue;
                    }
                    start(k).addDouble(v);
                }
                case FLOAT -> {
                    float v = ((float[]) col)[row];
                    if (Float.isNaN(v)) {
                        continue;
                    }
                    start(k).addFloat(v);
                }
                case LONG -> {
                    long v = ((long[]) col)[row];
                    if (v == Long.MIN_VALUE) {
                        continue;
                    }
                    start(k).addLong(v);
                }
                case INT -> {
                    int v = ((int[]) col)[row];
                    if (v == Integer.MIN_VALUE) {
                        continue;
                    }
                    start(k).addInteger(v);
                }
                case SHORT -> {
                    short v = ((short[]) col)[row];
                    if (v == Short.MIN_VALUE) {
                        continue;
                    }
                    start(k).addInteger(v);
                }
                case BOOLEAN -> {
                    BooleanColumn c = (BooleanColumn) columns[k];
                    if (c.isMissing(row)) {
                        continue;
                    }
                    start(k).addBoolean(c.get(row));
                }
                case STRING -> {
                    Object v = ((Object[]) col)[row];
                    if (v == null || v.toString().isEmpty()) {
                        continue;
                    }
                    start(k).addBinary(Binary.fromString(v.toString()));
                }
            }
            out.endField(names[k], k);
        }
        out.endMessage();
    }

    /** Opens field {@code k} of the record and returns the consumer that takes its value. */
    private RecordConsumer start(int k) {
        out.startField(names[k], k);
        return out;
    }

    /** A parquet-java writer of the rows given to {@code support}, snappy-compressed, in row groups of that size. */
    static ParquetWriter<Integer> open(OutputFile file, ParquetRowWriter support, long rowGroupBytes) throws IOException {
        Builder b = new Builder(file, support).withConf(ParquetIO.configuration())
                .withCompressionCodec(CompressionCodecName.SNAPPY).withRowGroupSize(rowGroupBytes);
        for (int k = 0; k < support.kinds.length; k++) {
            if (support.mostlyDistinct[k]) {
                // positions, separations and designations hardly repeat: a dictionary would be hashed for the first
                // page of every chunk and then dropped for PLAIN, which parquet-java decides only after that page, so
                // such a file is byte for byte what it was with the dictionary tried
                b = b.withDictionaryEncoding(support.names[k], false);
            }
        }
        return b.build();
    }

    private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
        private final ParquetRowWriter support;

        Builder(OutputFile file, ParquetRowWriter support) {
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
}
