package org.tasni.io;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tasni.TasniException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * CSV and ECSV files ↔ Tablesaw tables.
 *
 * <p>Plain CSV has a header line and no types. Reading looks at every cell of a column (a first pass over the file)
 * and picks the narrowest type that holds all of them: integer (int, or long when a value needs 64 bits; never
 * double, so ids stay exact), floating point (double), boolean ({@code true}/{@code false}, any case) or string.
 * In number and boolean columns the cells {@code nan}, {@code NaN}, {@code NA}, {@code N/A}, {@code null},
 * {@code None}, {@code <NA>} and empty cells are missing values, and {@code inf}, {@code -inf}, {@code Infinity},
 * {@code -Infinity} (any case) are ±infinity, as astropy, pandas and R write them; a column whose only values are such
 * markers is a double column if one of them is {@code nan}, else a string column, and so is every column of a file
 * with no data rows. A column in which an integer cell has a leading zero ({@code 007}, {@code 00}, {@code 0000};
 * {@code 0} alone and decimals such as {@code 0.5} do not count) is a string column: such cells are codes or ids
 * (IRSA's {@code cc_flags}, {@code moon_masked}), and as integers {@code 007} and {@code 7} would merge. The integer
 * -9223372036854775808 is refused (it is the missing-value marker of 64-bit columns). A column holding a word among
 * numbers is a string column (a stage that needs numbers then names
 * the first such cell). A column that mixes 64-bit integers beyond 2<sup>53</sup> with fractions or infinities is
 * refused, naming the lines: a double could not hold those integers exactly. A header cell left empty (pandas'
 * index) is named {@code colN} (N counted from 1).
 *
 * <p>ECSV (astropy's Enhanced CSV, version 1.0, comma- or space-delimited) adds a commented YAML header with each
 * column's datatype and comes back with exactly the types it was written with; astropy, TOPCAT and STIL read it
 * natively. Its float columns take {@code nan}, {@code inf} and {@code -inf} as astropy writes them, and an empty
 * cell (astropy's masked value) is missing in every column.
 *
 * <p>Both readers skip a UTF-8 byte-order mark, blank lines and lines starting with {@code #}, accept quoted cells
 * (with commas, quotes and line breaks inside) and refuse a row whose number of cells differs from the header's,
 * naming the file and the line (counted from 1, as an editor shows it, the header being a line too).
 *
 * <p>Values are written in their shortest exact form ({@link Double#toString}, {@link Float#toString}; infinities as
 * {@code inf} and {@code -inf}), so every number reads back bit-identical. A missing value is an empty field. Strings
 * that hold a comma, a quote or a line break are quoted.
 */
public final class CsvIO {

    private static final Pattern ECSV_COLUMN = Pattern.compile(
            "^#\\s*-\\s*\\{\\s*name:\\s*('[^']*'|\"[^\"]*\"|[^,}]+?)\\s*,\\s*datatype:\\s*([A-Za-z0-9]+)");
    private static final Pattern ECSV_DELIMITER = Pattern.compile("^#\\s*delimiter:\\s*(.*?)\\s*$");
    /** The longest cell accepted: an unclosed quote must not swallow the whole file into one string. */
    static final int MAX_CELL_CHARS = 1 << 20;
    /** Integers beyond this magnitude have no exact double. */
    private static final long EXACT_IN_DOUBLE = 1L << 53;

    private CsvIO() {}

    /** Reads a plain CSV file, inferring column types (see the class comment). */
    public static Table readCsv(Path path) {
        requireFile(path);
        String name = path.getFileName().toString();
        String[] header;
        Inference[] inf;
        int rows = 0;
        try (Records r = new Records(path, ',')) {
            header = readHeader(r, name);
            inf = new Inference[header.length];
            for (int k = 0; k < inf.length; k++) {
                inf[k] = new Inference();
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

    /** Reads an ECSV file with the column types of its header. */
    public static Table readEcsv(Path path) {
        requireFile(path);
        String name = path.getFileName().toString();
        List<String> names = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        char delimiter = ' ';
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String first = stripBom(r.readLine());
            if (first == null || !first.startsWith("# %ECSV")) {
                throw new TasniException(name + ": not an ECSV file (line 1 is not '# %ECSV 1.0').");
            }
            String line;
            int no = 1;
            while ((line = r.readLine()) != null && line.startsWith("#")) {
                no++;
                Matcher m = ECSV_COLUMN.matcher(line);
                Matcher dm = ECSV_DELIMITER.matcher(line);
                if (m.find()) {
                    String n = m.group(1);
                    if (n.length() >= 2 && n.charAt(0) == '\'') {
                        n = n.substring(1, n.length() - 1).replace("''", "'"); // YAML's single-quote escape
                    } else if (n.length() >= 2 && n.charAt(0) == '"') {
                        n = n.substring(1, n.length() - 1);
                    }
                    Kind k = Kind.ofEcsv(m.group(2));
                    if (k == null) {
                        throw new TasniException(name + ": line " + no + ", column '" + n + "' has ECSV datatype '"
                                + m.group(2) + "', which is not supported.");
                    }
                    names.add(n);
                    kinds.add(k);
                } else if (dm.find()) {
                    String d = dm.group(1);
                    if (d.equals("','")) {
                        delimiter = ',';
                    } else if (!d.equals("' '")) {
                        throw new TasniException(name + ": line " + no + ": only comma- or space-delimited ECSV is "
                                + "supported (delimiter: " + d + ").");
                    }
                }
            }
        } catch (IOException e) {
            throw new TasniException(name + ": could not read (" + e.getMessage() + ").", e);
        }
        if (names.isEmpty()) {
            throw new TasniException(name + ": the ECSV header lists no columns.");
        }
        String[] header;
        try (Records r = new Records(path, delimiter)) {
            header = readHeader(r, name);
        }
        if (!Arrays.asList(header).equals(names)) {
            throw new TasniException(name + ": the ECSV header names columns " + names
                    + " but the data header has " + Arrays.asList(header) + ".");
        }
        return readBody(path, name, delimiter, header, kinds.toArray(Kind[]::new), 1024, true);
    }

    private static String[] readHeader(Records r, String name) {
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
        try (Records r = new Records(path, delimiter)) {
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
        Token t = Token.of(cell);
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
                            throw minLong(file, line, b.name, cell);
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

    /** What a cell looks like, for type inference and parsing. */
    enum Token {
        EMPTY, NA, NAN, INF, INTEGER, DECIMAL, BOOLEAN, WORD;

        static Token of(String s) {
            int n = s.length();
            if (n == 0) {
                return EMPTY;
            }
            char c = s.charAt(0);
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
                Token num = number(s);
                if (num != null) {
                    return num;
                }
            }
            String l = s.toLowerCase(Locale.ROOT);
            return switch (l) {
                case "nan", "-nan", "+nan" -> NAN;
                case "na", "n/a", "null", "none", "<na>" -> NA;
                case "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity" -> INF;
                case "true", "false" -> BOOLEAN;
                default -> WORD;
            };
        }

        /** INTEGER for [+-]digits, DECIMAL for [+-](digits[.digits]|.digits)[e[+-]digits], else null. */
        private static Token number(String s) {
            int i = 0, n = s.length();
            if (s.charAt(0) == '+' || s.charAt(0) == '-') {
                i++;
            }
            int intDigits = 0, fracDigits = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                intDigits++;
            }
            boolean decimal = false;
            if (i < n && s.charAt(i) == '.') {
                decimal = true;
                i++;
                while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                    fracDigits++;
                }
            }
            if (intDigits + fracDigits == 0) {
                return null;
            }
            if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                decimal = true;
                i++;
                if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                    i++;
                }
                int exp = 0;
                while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                    exp++;
                }
                if (exp == 0) {
                    return null;
                }
            }
            return i < n ? null : decimal ? DECIMAL : INTEGER;
        }
    }

    /** Whether a cell is a number, or a marker a number column may hold (missing, nan, ±inf). */
    static boolean numberOrMissing(String cell) {
        Token t = Token.of(cell.strip());
        return t != Token.WORD && t != Token.BOOLEAN;
    }

    /** What a plain CSV column's cells have shown so far, and the first line of each sign that decides its type. */
    private static final class Inference {
        boolean integer, decimal, inf, nan, bool, word, needsLong;
        int wordLine, wideLine, fractionLine;
        String wordCell, wideCell, fractionCell, markerCell;
        int markerLine;

        void see(String cell, int line) {
            if (word) {
                return; // a string column already: nothing later changes that
            }
            Token t = Token.of(cell);
            switch (t) {
                case EMPTY, NA -> { }
                case NAN -> nan = true;
                case INF, DECIMAL -> {
                    if (t == Token.INF) {
                        inf = true;
                    } else {
                        decimal = true;
                    }
                    if (fractionCell == null) {
                        fractionCell = cell;
                        fractionLine = line;
                    }
                }
                case BOOLEAN -> bool = true;
                case INTEGER -> {
                    long v;
                    try {
                        v = Long.parseLong(cell.startsWith("+") ? cell.substring(1) : cell);
                    } catch (NumberFormatException e) {
                        // beyond 64 bits: only a string keeps it exact
                        seeWord(cell, line);
                        return;
                    }
                    if (v == Long.MIN_VALUE && markerCell == null) {
                        // Tablesaw's missing-value marker for longs: refused in kind() unless a word makes the
                        // column a string column anyway
                        markerCell = cell;
                        markerLine = line;
                    }
                    if (leadingZero(cell)) {
                        // "007", "00", "0000" (IRSA's cc_flags, moon_masked): a code, not a number; as an integer
                        // "007" and "7" would become the same id. Only a string keeps the digits as written.
                        seeWord(cell, line);
                        return;
                    }
                    integer = true;
                    needsLong |= v <= Integer.MIN_VALUE || v > Integer.MAX_VALUE;
                    if ((v > EXACT_IN_DOUBLE || v < -EXACT_IN_DOUBLE) && wideCell == null) {
                        wideCell = cell;
                        wideLine = line;
                    }
                }
                case WORD -> seeWord(cell, line);
            }
        }

        private void seeWord(String cell, int line) {
            if (!word) {
                word = true;
                wordCell = cell;
                wordLine = line;
            }
        }

        Kind kind(String file, String column) {
            if (word || (bool && (integer || decimal || inf || nan))) {
                return Kind.STRING;
            }
            if (markerCell != null) {
                throw minLong(file, markerLine, column, markerCell);
            }
            if (bool) {
                return Kind.BOOLEAN;
            }
            if (decimal || inf) {
                if (wideCell != null) {
                    throw new TasniException(file + ": column '" + column + "' holds the integer " + wideCell
                            + " (line " + wideLine + ") and the non-integer '" + fractionCell + "' (line " + fractionLine
                            + "); a double cannot hold such an integer exactly (an id?). Fix the odd cell, or use"
                            + " a typed format (.ecsv, .parquet).");
                }
                return Kind.DOUBLE;
            }
            if (integer) {
                return needsLong ? Kind.LONG : Kind.INT;
            }
            return nan ? Kind.DOUBLE : Kind.STRING;
        }
    }

    /**
     * Whether an integer cell has a leading zero ("007", "-01", "00"; not "0" alone): such a column is read as
     * strings, so that ids and flag codes keep their digits (see the class comment).
     */
    static boolean leadingZero(String cell) {
        int i = cell.startsWith("+") || cell.startsWith("-") ? 1 : 0;
        return cell.length() - i > 1 && cell.charAt(i) == '0';
    }

    /** The refusal of -9223372036854775808 in an integer column (CSV and ECSV alike). */
    static TasniException minLong(String file, int line, String column, String cell) {
        return new TasniException(file + ": line " + line + ", column '" + column + "': " + cell + " is the smallest "
                + "64-bit integer, which this toolkit uses as its missing-value marker and cannot hold as a value; "
                + "leave the cell empty for a missing value.");
    }

    private static String stripBom(String s) {
        return s != null && !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }

    /**
     * The records of a CSV file, one at a time, with the line each starts on, as univocity's {@link CsvParser} reads
     * them: quoted cells ("" inside quotes is one quote; quoted cells may hold the delimiter and line breaks), unquoted
     * cells stripped of surrounding blanks, blank lines and lines starting with '#' skipped, a UTF-8 byte-order mark
     * skipped, no cell longer than {@link #MAX_CELL_CHARS}. With a space delimiter (ECSV's default) a run of blanks
     * separates two cells. Written by hand here, because univocity does not do them: the line a record starts on, the
     * refusal of an unclosed quote, the choice of line separator (see {@link #lineSeparator}).
     */
    private static final class Records implements AutoCloseable {
        /**
         * A line of our own after the file's last one (hand-written: univocity returns a quoted cell left open at the
         * end of the input as if it were closed, and has no setting to refuse it). A cell still open when this line
         * comes swallows it, which is how an unclosed quote is told. U+FFFF is a noncharacter: no text holds it.
         */
        private static final String END = "\uFFFF";
        /** Cells a row may have before it is refused; univocity keeps an array this long. */
        private static final int MAX_CELLS = 1 << 16;
        private final String file;
        private final boolean spaces;
        private final char lineBreak;
        private final CsvParser parser;
        private String[] cells;
        private int line;
        private int lastLine;

        Records(Path path, char delimiter) {
            this.file = path.getFileName().toString();
            this.spaces = delimiter == ' ';
            String separator = lineSeparator(path);
            this.lineBreak = separator.charAt(0);
            CsvParserSettings s = new CsvParserSettings();
            s.getFormat().setDelimiter(delimiter);
            s.getFormat().setQuote('"');
            s.getFormat().setQuoteEscape('"');
            s.getFormat().setComment('#');
            s.getFormat().setLineSeparator(separator);
            s.getFormat().setNormalizedNewline(lineBreak); // a quoted cell keeps its line breaks as the file has them
            s.setSkipEmptyLines(true);
            s.setIgnoreLeadingWhitespaces(true);
            s.setIgnoreTrailingWhitespaces(true);
            s.setNullValue(null); // an unquoted empty cell (and, with spaces, the gap in a run of blanks)
            s.setEmptyValue(""); // a quoted empty cell
            s.setMaxCharsPerColumn(MAX_CELL_CHARS);
            s.setMaxColumns(MAX_CELLS);
            s.setReadInputOnSeparateThread(false);
            this.parser = new CsvParser(s);
            try {
                byte[] end = (separator + END + separator).getBytes(StandardCharsets.UTF_8);
                // an InputStream, not a Reader: univocity then skips a byte-order mark
                parser.beginParsing(new SequenceInputStream(Files.newInputStream(path), new ByteArrayInputStream(end)),
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new TasniException(file + ": could not read (" + e.getMessage() + ").", e);
            }
        }

        /**
         * "\r" when the first line ends with a lone carriage return (old Mac files), else "\n": univocity then reads
         * "\r\n" too, its '\r' being trimmed as a blank, and so files that mix "\r\n" and "\n". Hand-written because
         * univocity's own detection (setLineSeparatorDetectionEnabled) takes "\r\n" from a first line so ended and
         * then reads a lone "\n" further down as text inside a cell.
         */
        private static String lineSeparator(Path path) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
                for (int c = in.read(); c != -1; c = in.read()) {
                    if (c == '\n') {
                        return "\n";
                    }
                    if (c == '\r') {
                        return in.read() == '\n' ? "\n" : "\r";
                    }
                }
                return "\n";
            } catch (IOException e) {
                throw new TasniException(path.getFileName() + ": could not read (" + e.getMessage() + ").", e);
            }
        }

        int line() {
            return line;
        }

        int cells() {
            return cells.length;
        }

        String cell(int k) {
            return cells[k];
        }

        void requireCells(int expected) {
            if (cells.length != expected) {
                throw new TasniException(file + ": line " + line + " has " + cells.length + " cell"
                        + (cells.length == 1 ? "" : "s") + "; the header has " + expected + ". Check that row's commas and quotes.");
            }
        }

        /** Reads the next record; false at the end of the file. */
        boolean next() {
            String[] row;
            try {
                row = parser.parseNext();
            } catch (TextParsingException e) {
                throw refused(e);
            }
            if (row == null || (row.length == 1 && END.equals(row[0]))) {
                return false;
            }
            int end = (int) parser.getContext().currentLine();
            if (parser.getContext().isStopped()) {
                // the input ran out inside a cell: only a quoted one can swallow the END line
                String open = row[row.length - 1];
                throw new TasniException(file + ": line " + (end - breaks(open)) + ": a quoted cell is not closed "
                        + "before the end of the file.");
            }
            if (end == lastLine + 1) {
                line = end; // one line right after the last record: the common case, with no line break to count
            } else {
                // univocity gives the line a record ends on (counting line breaks in quoted cells, and the blank and
                // comment lines it skipped); the line it starts on, which it does not give, is that less the record's
                // own line breaks
                int n = 0;
                for (String c : row) {
                    n += c == null ? 0 : breaks(c);
                }
                line = end - n;
            }
            lastLine = end;
            // an unquoted empty cell is null; with a space delimiter it is the gap between two blanks of a run
            int kept = 0;
            for (String c : row) {
                if (c != null) {
                    row[kept++] = c;
                } else if (!spaces) {
                    row[kept++] = "";
                }
            }
            cells = kept == row.length ? row : Arrays.copyOf(row, kept);
            return true;
        }

        private int breaks(String s) {
            int n = 0;
            for (int i = s.indexOf(lineBreak); i >= 0; i = s.indexOf(lineBreak, i + 1)) {
                n++;
            }
            return n;
        }

        private TasniException refused(TextParsingException e) {
            int at = (int) e.getLineIndex() + 1;
            if (e.getCause() instanceof ArrayIndexOutOfBoundsException) {
                if (e.getColumnIndex() >= MAX_CELLS - 1) {
                    return new TasniException(file + ": line " + at + " has more than " + MAX_CELLS + " cells. Check "
                            + "that row's commas and quotes.", e);
                }
                // the cell's content so far is in the exception, and the record's text up to the character that
                // overflowed in the context: the cell started that many line breaks before the line univocity is on
                String content = e.getParsedContent();
                String raw = parser.getContext().currentParsedContent();
                int start = at - (content == null ? 0 : breaks(content))
                        - (raw != null && !raw.isEmpty() && raw.charAt(raw.length() - 1) == lineBreak ? 1 : 0);
                return new TasniException(file + ": line " + start + ": a cell is longer than " + MAX_CELL_CHARS
                        + " characters (an unclosed quote?).", e);
            }
            String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                    : e.getMessage().lines().findFirst().orElse("");
            return new TasniException(file + ": could not read (line " + at + ": " + why + ").", e);
        }

        @Override
        public void close() {
            parser.stopParsing();
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

    private static void requireFile(Path path) {
        ReadChecks.requireFile(path);
    }
}
