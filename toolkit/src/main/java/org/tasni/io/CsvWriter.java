package org.tasni.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tasni.TasniException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Writes CSV and ECSV (see {@link CsvIO}'s class comment for the forms of values): numbers in their shortest exact
 * form, a missing value as an empty field, strings quoted only where they must be. Files are written atomically.
 * A string longer than the reader takes ({@link CsvRecords#MAX_CELL_CHARS}) is refused, naming its column and row:
 * written, the file could not be read back.
 */
final class CsvWriter {

    private CsvWriter() {}

    /** Writes {@code table} to {@code path}, with an ECSV header if {@code ecsv}. */
    static void write(Table table, Path path, boolean ecsv) {
        AtomicFiles.write(path, tmp -> {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                if (ecsv) {
                    EcsvHeader.write(table, w);
                }
                writeBody(table, w, path.getFileName().toString());
            }
        });
    }

    private static void writeBody(Table table, Writer w, String file) throws IOException {
        List<Column<?>> cols = table.columns();
        Kind[] kinds = new Kind[cols.size()];
        for (int k = 0; k < kinds.length; k++) {
            kinds[k] = Kind.of(table, cols.get(k));
            String name = cols.get(k).name();
            if (name.length() > CsvRecords.MAX_CELL_CHARS) {
                throw new TasniException(file + ": a column name of " + name.length() + " characters (column " + (k + 1)
                        + ") is longer than a CSV or ECSV cell may be (" + CsvRecords.MAX_CELL_CHARS
                        + " characters, what this toolkit reads back); give it a shorter name.");
            }
            w.write((k > 0 ? "," : "") + quote(name));
        }
        w.write('\n');
        StringBuilder sb = new StringBuilder(256);
        for (int row = 0; row < table.rowCount(); row++) {
            sb.setLength(0);
            for (int k = 0; k < kinds.length; k++) {
                if (k > 0) {
                    sb.append(',');
                }
                Column<?> c = cols.get(k);
                if (c.isMissing(row)) {
                    if (kinds.length == 1) {
                        // an empty line would be skipped as blank on reading: a quoted empty cell keeps the row
                        sb.append("\"\"");
                    }
                    continue;
                }
                switch (kinds[k]) {
                    case BOOLEAN -> sb.append(((BooleanColumn) c).get(row) ? "True" : "False");
                    case STRING -> sb.append(quote(fits(c.getString(row), file, c, row)));
                    case DOUBLE, FLOAT -> {
                        double v = ((NumericColumn<?>) c).getDouble(row);
                        // astropy's spelling of the infinities, which pandas and R read too
                        sb.append(v == Double.POSITIVE_INFINITY ? "inf" : v == Double.NEGATIVE_INFINITY ? "-inf" : String.valueOf(c.get(row)));
                    }
                    default -> sb.append(c.get(row));
                }
            }
            sb.append('\n');
            w.append(sb);
        }
    }

    /** {@code s}, refused where it is longer than the reader takes: the file could not be read back. */
    private static String fits(String s, String file, Column<?> c, int row) {
        if (s.length() > CsvRecords.MAX_CELL_CHARS) {
            throw new TasniException(file + ": column '" + c.name() + "' holds a value of " + s.length()
                    + " characters at data row " + (row + 1) + ", longer than a CSV or ECSV cell may be ("
                    + CsvRecords.MAX_CELL_CHARS + " characters, what this toolkit reads back); write .parquet or "
                    + ".arrow for such values.");
        }
        return s;
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0
                && !s.startsWith("#") && !s.isEmpty() && s.equals(s.strip())) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
