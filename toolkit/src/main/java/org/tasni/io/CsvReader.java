package org.tasni.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.tasni.TasniException;
import tech.tablesaw.api.Table;

/**
 * Reads CSV and ECSV into a table (see {@link CsvIO}'s class comment for the rules). A plain CSV file is read twice:
 * once to infer each column's type from all its cells ({@link CsvInference}), once to parse them; an ECSV file's
 * types come from its header ({@link EcsvHeader}). Every refusal names the file, the line and the column.
 */
final class CsvReader {

    private CsvReader() {}

    /** A plain CSV file, its column types inferred. */
    static Table readCsv(Path path) {
        ReadChecks.requireFile(path);
        String name = path.getFileName().toString();
        String[] header;
        CsvInference[] inf;
        int rows = 0;
        try (CsvRecords r = new CsvRecords(path, ',')) {
            header = readHeader(r, name);
            inf = new CsvInference[header.length];
            for (int k = 0; k < inf.length; k++) {
                inf[k] = new CsvInference();
            }
            while (r.next()) {
                r.requireCells(header.length);
                for (int k = 0; k < header.length; k++) {
                    inf[k].see(r.cell(k), r.line());
                }
                rows++;
            }
        }
        Kind[] kinds = new Kind[header.length];
        for (int k = 0; k < kinds.length; k++) {
            kinds[k] = inf[k].kind(name, header[k]);
        }
        return readBody(path, name, ',', header, kinds, rows, false);
    }

    /** An ECSV file, with the column types of its header. */
    static Table readEcsv(Path path) {
        ReadChecks.requireFile(path);
        String name = path.getFileName().toString();
        EcsvHeader h = EcsvHeader.read(path, name);
        String[] header;
        try (CsvRecords r = new CsvRecords(path, h.delimiter())) {
            header = readHeader(r, name);
        }
        if (!Arrays.asList(header).equals(h.names())) {
            throw new TasniException(name + ": the ECSV header names columns " + h.names()
                    + " but the data header has " + Arrays.asList(header) + ".");
        }
        return readBody(path, name, h.delimiter(), header, h.kinds().toArray(Kind[]::new), 1024, true);
    }

    private static String[] readHeader(CsvRecords r, String name) {
        if (!r.next()) {
            throw new TasniException(name + ": the file is empty; expected a header line with the column names.");
        }
        String[] header = new String[r.cells()];
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < header.length; k++) {
            String h = r.cell(k);
            header[k] = h.isEmpty() ? "col" + (k + 1) : h;
            if (!seen.add(header[k])) {
                throw new TasniException(name + ": line " + r.line() + ": the header names column '" + header[k]
                        + "' twice; column names must be unique.");
            }
        }
        return header;
    }

    private static Table readBody(Path path, String name, char delimiter, String[] header, Kind[] kinds, int rows,
            boolean declared) {
        ColumnBuilder[] b = new ColumnBuilder[header.length];
        for (int k = 0; k < b.length; k++) {
            b[k] = new ColumnBuilder(name, header[k], kinds[k], rows);
        }
        try (CsvRecords r = new CsvRecords(path, delimiter)) {
            r.next();
            while (r.next()) {
                r.requireCells(header.length);
                for (int k = 0; k < header.length; k++) {
                    add(b[k], r.cell(k), name, r.line(), declared);
                }
            }
        }
        Table t = Table.create(name);
        for (ColumnBuilder c : b) {
            ReadChecks.add(t, name, c.build());
        }
        return t;
    }

    /** Parses one cell into its column; a cell the column's type cannot hold names the file, line and column. */
    private static void add(ColumnBuilder b, String cell, String file, int line, boolean declared) {
        if (b.kind == Kind.STRING) {
            b.addString(cell);
            return;
        }
        CsvToken t = CsvToken.of(cell);
        switch (b.kind) {
            case DOUBLE, FLOAT -> {
                switch (t) {
                    case EMPTY, NA, NAN -> b.addMissing();
                    case INF -> b.addDouble(cell.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
                    case INTEGER, DECIMAL -> b.addDouble(Double.parseDouble(cell));
                    default -> throw badCell(file, line, b, cell, declared);
                }
            }
            case LONG, INT, SHORT -> {
                switch (t) {
                    case EMPTY, NA, NAN -> b.addMissing();
                    case INTEGER -> {
                        long v;
                        try {
                            v = Long.parseLong(cell.startsWith("+") ? cell.substring(1) : cell);
                        } catch (NumberFormatException e) {
                            throw badCell(file, line, b, cell, declared);
                        }
                        long min = b.kind == Kind.LONG ? Long.MIN_VALUE : b.kind == Kind.INT ? Integer.MIN_VALUE : Short.MIN_VALUE;
                        long max = b.kind == Kind.LONG ? Long.MAX_VALUE : b.kind == Kind.INT ? Integer.MAX_VALUE : Short.MAX_VALUE;
                        // the type's smallest value is Tablesaw's missing-value marker: it cannot be held as a value
                        if (v == Long.MIN_VALUE) {
                            throw CsvToken.minLong(file, line, b.name, cell);
                        }
                        if (v <= min || v > max) {
                            throw badCell(file, line, b, cell, declared);
                        }
                        b.addLong(v);
                    }
                    default -> throw badCell(file, line, b, cell, declared);
                }
            }
            case BOOLEAN -> {
                switch (t) {
                    case EMPTY, NA, NAN -> b.addMissing();
                    case BOOLEAN -> b.addBoolean(cell.equalsIgnoreCase("true"));
                    default -> throw badCell(file, line, b, cell, declared);
                }
            }
            default -> throw new IllegalStateException(b.kind.toString());
        }
    }

    private static TasniException badCell(String file, int line, ColumnBuilder b, String cell, boolean declared) {
        String shown = cell.length() > 40 ? cell.substring(0, 40) + "…" : cell;
        return new TasniException(file + ": line " + line + ", column '" + b.name + "': '" + shown + "' is not "
                + (declared ? "a valid " + b.kind.ecsv + " (the type the ECSV header declares)"
                        : "a valid " + b.kind.ecsv + " value") + ".");
    }
}
