package org.tasni.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Writes CSV and ECSV (see {@link CsvIO}'s class comment for the forms of values): numbers in their shortest exact
 * form, a missing value as an empty field, strings quoted only where they must be. Files are written atomically.
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
                writeBody(table, w);
            }
        });
    }

    private static void writeBody(Table table, Writer w) throws IOException {
        List<Column<?>> cols = table.columns();
        Kind[] kinds = new Kind[cols.size()];
        for (int k = 0; k < kinds.length; k++) {
            kinds[k] = Kind.of(table, cols.get(k));
            w.write((k > 0 ? "," : "") + quote(cols.get(k).name()));
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
                    case STRING -> sb.append(quote(c.getString(row)));
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

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0
                && !s.startsWith("#") && !s.isEmpty() && s.equals(s.strip())) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
