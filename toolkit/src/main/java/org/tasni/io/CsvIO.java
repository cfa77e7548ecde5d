package org.tasni.io;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tasni.TasniException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * CSV and ECSV files ↔ Tablesaw tables.
 *
 * <p>Plain CSV has a header line and no types: reading infers integer (int or long), floating point (double),
 * boolean and string columns, so a float32 or int16 column comes back wider, with the same values. ECSV (astropy's
 * Enhanced CSV, version 1.0, comma-delimited) adds a commented YAML header with each column's datatype and comes back
 * with exactly the types it was written with; astropy, TOPCAT and STIL read it natively.
 *
 * <p>Values are written in their shortest exact form ({@link Double#toString}, {@link Float#toString}), so every
 * number reads back bit-identical. A missing value is an empty field. Strings that hold a comma, a quote or a line
 * break are quoted.
 */
public final class CsvIO {

    private static final Pattern ECSV_COLUMN = Pattern.compile(
            "^#\\s*-\\s*\\{\\s*name:\\s*('[^']*'|\"[^\"]*\"|[^,}]+?)\\s*,\\s*datatype:\\s*([A-Za-z0-9]+)");

    private CsvIO() {}

    /** Reads a plain CSV file, inferring column types. */
    public static Table readCsv(Path path) {
        return readText(path, null);
    }

    /** Reads an ECSV file with the column types of its header. */
    public static Table readEcsv(Path path) {
        requireFile(path);
        List<String> names = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            if (first == null || !first.startsWith("# %ECSV")) {
                throw new TasniException(path.getFileName() + ": not an ECSV file (the first line is not '# %ECSV 1.0').");
            }
            String line;
            while ((line = r.readLine()) != null && line.startsWith("#")) {
                Matcher m = ECSV_COLUMN.matcher(line);
                if (m.find()) {
                    String n = m.group(1);
                    if (n.length() >= 2 && (n.charAt(0) == '\'' || n.charAt(0) == '"')) {
                        n = n.substring(1, n.length() - 1);
                    }
                    Kind k = Kind.ofEcsv(m.group(2));
                    if (k == null) {
                        throw new TasniException(path.getFileName() + ": column '" + n + "' has ECSV datatype '"
                                + m.group(2) + "', which is not supported.");
                    }
                    names.add(n);
                    kinds.add(k);
                } else if (line.matches("^#\\s*delimiter:.*") && !line.contains("','")) {
                    throw new TasniException(path.getFileName() + ": only comma-delimited ECSV is supported ("
                            + line.substring(1).trim() + ").");
                }
            }
        } catch (IOException e) {
            throw new TasniException(path.getFileName() + ": could not read (" + e.getMessage() + ").", e);
        }
        if (names.isEmpty()) {
            throw new TasniException(path.getFileName() + ": the ECSV header lists no columns.");
        }
        ColumnType[] types = kinds.stream().map(Kind::columnType).toArray(ColumnType[]::new);
        Table t = readText(path, types);
        if (!t.columnNames().equals(names)) {
            throw new TasniException(path.getFileName() + ": the ECSV header names columns " + names
                    + " but the data header has " + t.columnNames() + ".");
        }
        return t;
    }

    private static Table readText(Path path, ColumnType[] types) {
        requireFile(path);
        String name = path.getFileName().toString();
        CsvReadOptions.Builder b = CsvReadOptions.builder(path.toFile())
                .tableName(name)
                .header(true)
                .separator(',')
                .commentPrefix('#')
                .missingValueIndicator("")
                .maxCharsPerColumn(1 << 20);
        if (types != null) {
            b.columnTypes(types);
        } else {
            b.columnTypesToDetect(List.of(ColumnType.INTEGER, ColumnType.LONG, ColumnType.DOUBLE, ColumnType.BOOLEAN,
                    ColumnType.STRING));
        }
        try {
            return Table.read().usingOptions(b.build());
        } catch (RuntimeException e) {
            throw new TasniException(name + ": could not parse as CSV (" + e.getMessage() + ").", e);
        }
    }

    /** Writes plain CSV. */
    public static void writeCsv(Table table, Path path) {
        AtomicFiles.write(path, tmp -> {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                writeBody(table, w);
            }
        });
    }

    /** Writes ECSV 1.0 with a comma delimiter. */
    public static void writeEcsv(Table table, Path path) {
        AtomicFiles.write(path, tmp -> {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write("# %ECSV 1.0\n# ---\n# delimiter: ','\n# datatype:\n");
                for (Column<?> c : table.columns()) {
                    w.write("# - {name: " + yamlName(c.name()) + ", datatype: " + Kind.of(table, c).ecsv + "}\n");
                }
                w.write("# schema: astropy-2.0\n");
                writeBody(table, w);
            }
        });
    }

    private static String yamlName(String n) {
        return n.matches("[A-Za-z_][A-Za-z0-9_.-]*") ? n : "'" + n.replace("'", "''") + "'";
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
                    continue;
                }
                switch (kinds[k]) {
                    case BOOLEAN -> sb.append(((BooleanColumn) c).get(row) ? "True" : "False");
                    case STRING -> sb.append(quote(c.getString(row)));
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

    private static void requireFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new TasniException(path + ": no such file.");
        }
    }
}
