package org.tasni.io;

import java.io.IOException;
import java.util.HashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
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
    private RecordConsumer out;

    ParquetRowWriter(Table table) {
        int n = table.columnCount();
        kinds = new Kind[n];
        names = new String[n];
        data = new Object[n];
        columns = new Column<?>[n];
        for (int k = 0; k < n; k++) {
            kinds[k] = Kind.of(table, table.column(k));
            names[k] = table.column(k).name();
        }
        schema = ParquetSchema.of(table);
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
            // a missing value is a Parquet null: the field is left out of the record
            if (missing(k, row)) {
                continue;
            }
            out.startField(names[k], k);
            switch (kinds[k]) {
                case DOUBLE -> out.addDouble(((double[]) data[k])[row]);
                case FLOAT -> out.addFloat(((float[]) data[k])[row]);
                case LONG -> out.addLong(((long[]) data[k])[row]);
                case INT -> out.addInteger(((int[]) data[k])[row]);
                case SHORT -> out.addInteger(((short[]) data[k])[row]);
                case BOOLEAN -> out.addBoolean(((BooleanColumn) columns[k]).get(row));
                case STRING -> out.addBinary(Binary.fromString(((Object[]) data[k])[row].toString()));
            }
            out.endField(names[k], k);
        }
        out.endMessage();
    }

    /** Whether row {@code row} of column {@code k} is missing: NaN, Tablesaw's integer marker, or an empty string. */
    private boolean missing(int k, int row) {
        return switch (kinds[k]) {
            case DOUBLE -> Double.isNaN(((double[]) data[k])[row]);
            case FLOAT -> Float.isNaN(((float[]) data[k])[row]);
            case LONG -> ((long[]) data[k])[row] == Long.MIN_VALUE;
            case INT -> ((int[]) data[k])[row] == Integer.MIN_VALUE;
            case SHORT -> ((short[]) data[k])[row] == Short.MIN_VALUE;
            case BOOLEAN -> columns[k].isMissing(row);
            case STRING -> {
                Object v = ((Object[]) data[k])[row];
                yield v == null || v.toString().isEmpty();
            }
        };
    }

    /** A parquet-java writer of the rows given to {@code support}, snappy-compressed, in row groups of that size. */
    static ParquetWriter<Integer> open(OutputFile file, ParquetRowWriter support, long rowGroupBytes) throws IOException {
        return new Builder(file, support).withConf(new PlainParquetConfiguration())
                .withCompressionCodec(CompressionCodecName.SNAPPY).withRowGroupSize(rowGroupBytes).build();
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
