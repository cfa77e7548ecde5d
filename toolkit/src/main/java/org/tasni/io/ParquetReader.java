package org.tasni.io;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.tasni.TasniException;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Reads Parquet files one row group at a time, decoding only the requested columns, so that memory follows the row
 * group and not the file; and reads row counts and column names from the footer alone. Every error names the file,
 * and where it can the column, row group or row.
 */
final class ParquetReader {

    private ParquetReader() {}

    /**
     * Calls {@code action} with one table per row group, holding only {@code columns} (all if empty). A file with no
     * row groups gives one empty table with the file's columns.
     */
    static void forEachRowGroup(Path path, List<String> columns, Consumer<Table> action) {
        String name = path.getFileName().toString();
        ReadChecks.requireFile(path);
        try (ParquetFileReader reader = open(path)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            MessageType projection = ParquetSchema.project(name, schema, columns);
            List<Kind> kinds = new ArrayList<>();
            for (ColumnDescriptor d : projection.getColumns()) {
                kinds.add(ParquetSchema.kindOf(name, d));
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
    static long rowCount(Path path) {
        ReadChecks.requireFile(path);
        try (ParquetFileReader reader = open(path)) {
            return reader.getRecordCount();
        } catch (IOException e) {
            throw new TasniException(path.getFileName() + ": could not read the Parquet footer (" + e.getMessage() + ").", e);
        }
    }

    /** The column names, from the footer alone. */
    static List<String> columnNames(Path path) {
        ReadChecks.requireFile(path);
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

    private static ParquetFileReader open(Path path) throws IOException {
        LocalInputFile file = new LocalInputFile(path);
        try {
            return ParquetFileReader.open(file, ParquetReadOptions.builder(ParquetIO.configuration()).build());
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
}
