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
        return readBody(path, name, ',', header, kinds, rows, null);
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
        return readBody(path, name, h.delimiter(), header, h.kinds().toArray(Kind[]::new), 1024,
                h.datatypes().toArray(String[]::new));
    }

    private static String[] readHeader(CsvRecords r, String name) {
        if (!r.next()) {
            throw new TasniException(name + ": the file is empty; expected a header line with the column names.");
        }
        String[] header = new String[r.cells()];
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < header.length; k++) {
            String h = r.cell(k);
            ReadChecks.requireName(name, h);
            header[k] = h.isEmpty() ? "col" + (k + 1) : h;
            if (!seen.add(header[k])) {
                throw new TasniException(name + ": line " + r.line() + ": the header names column '" + header[k]
                        + "' twice; column names must be unique.");
            }
        }
        return header;
    }

    /** {@code declared}: the datatypes of an ECSV file's header; null for a plain CSV file, its kinds inferred. */
    private static Table readBody(Path path, String name, char delimiter, String[] header, Kind[] kinds, int rows,
            String[] declared) {
        ColumnBuilder[] b = new ColumnBuilder[header.length];
        IntegerRange[] ranges = new IntegerRange[header.length];
        for (int k = 0; k < b.length; k++) {
            b[k] = new ColumnBuilder(name, header[k], kinds[k], rows);
            ranges[k] = Kind.ecsvRange(declared == null ? kinds[k].ecsv : declared[k]);
        }
        try (CsvRecords r = new CsvRecords(path, delimiter)) {
            r.next();
            while (r.next()) {
                r.requireCells(header.length);
                for (int k = 0; k < header.length; k++) {
                    add(b[k], ranges[k], r.cell(k), name, r.line(), declared == null ? null : declared[k]);
                }
            }
        }
        Table t = Table.create(name);
        for (ColumnBuilder c : b) {
            ReadChecks.add(t, name, c.build());
        }
        return t;
    }

    /**
     * Parses one cell into its column; a cell the column's type cannot hold names the file, line and column.
     * {@code declared} is the ECSV header's datatype, whose {@code range} an integer must lie in; null for plain CSV.
     */
    private static void add(ColumnBuilder b, IntegerRange range, String cell, String file, int line, String declared) {
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
                    case INTEGER, DECIMAL -> {
                        double v = Double.parseDouble(cell);
                        // a finite text beyond the type's largest value rounds to an infinity: a value the cell does
                        // not hold, and one no later check could tell from a written inf
                        if (Double.isInfinite(v) || (b.kind == Kind.FLOAT && Float.isInfinite((float) v))) {
                            String max = b.kind == Kind.FLOAT ? Float.toString(Float.MAX_VALUE)
                                    : Double.toString(Double.MAX_VALUE);
                            throw new TasniException(at(file, line, b) + "'" + shown(cell) + "' is beyond the largest "
                                    + b.kind.ecsv + " (" + max + ") and would become infinity; write inf for an "
                                    + "infinite value.");
                        }
                        b.addDouble(v);
                    }
                    default -> throw badCell(file, line, b, cell, declared);
                }
            }
            case LONG, INT, SHORT -> {
                switch (t) {
                    case EMPTY, NA, NAN -> b.addMissing();
                    case INTEGER -> b.addLong(integer(b, range, cell, file, line, declared));
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

    /** The integer cell {@code cell}, or the refusal of a value outside {@code range} or its column's marker. */
    private static long integer(ColumnBuilder b, IntegerRange range, String cell, String file, int line,
            String declared) {
        long v;
        try {
            v = Long.parseLong(cell.startsWith("+") ? cell.substring(1) : cell);
        } catch (NumberFormatException e) {
            if ("uint64".equals(declared) && !cell.startsWith("-")) {
                throw new TasniException(at(file, line, b) + shown(cell) + " is a uint64 above " + Long.MAX_VALUE
                        + ", the largest integer this toolkit holds (its integers are signed 64-bit).");
            }
            throw badCell(file, line, b, cell, declared);
        }
        if (!range.holds(v)) {
            // ECSV's unsigned and narrow types are read into a wider kind, which would take the value
            String max = range.type().equals("uint64") ? "18446744073709551615" : String.valueOf(range.max());
            throw new TasniException(at(file, line, b) + cell + " is outside " + range.type() + " (" + range.min()
                    + " to " + max + ")" + (declared != null ? ", the type the ECSV header declares." : "."));
        }
        if (b.kind.isMarker(v)) {
            // Tablesaw's missing-value marker: held, it would read back as missing
            throw CsvToken.marker(file, line, b.name, cell, b.kind);
        }
        return v;
    }

    private static String at(String file, int line, ColumnBuilder b) {
        return file + ": line " + line + ", column '" + b.name + "': ";
    }

    private static String shown(String cell) {
        return cell.length() > 40 ? cell.substring(0, 40) + "…" : cell;
    }

    private static TasniException badCell(String file, int line, ColumnBuilder b, String cell, String declared) {
        return new TasniException(at(file, line, b) + "'" + shown(cell) + "' is not "
                + (declared != null ? "a valid " + declared + " (the type the ECSV header declares)"
                        : "a valid " + b.kind.ecsv + " value") + ".");
    }
}
