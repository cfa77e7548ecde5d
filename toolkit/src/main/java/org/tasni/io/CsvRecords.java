package org.tasni.io;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.tasni.TasniException;

/**
 * The records of a CSV file, one at a time, with the line each starts on, as univocity's {@link CsvParser} reads
 * them: quoted cells ("" inside quotes is one quote; quoted cells may hold the delimiter and line breaks), unquoted
 * cells stripped of surrounding blanks, blank lines skipped, no cell longer than {@link #MAX_CELL_CHARS}. With a space
 * delimiter (ECSV's default) a run of blanks separates two cells. Written by hand here, because univocity does not do
 * them: the line a record starts on, the refusal of an unclosed quote, the choice of line separator (see
 * {@link #lineSeparator}), and the comment lines, which are only those before the header line (see
 * {@link #leadingComments}); a UTF-8 byte-order mark is skipped with them.
 */
final class CsvRecords implements AutoCloseable {
    /** The longest cell accepted: an unclosed quote must not swallow the whole file into one string. */
    static final int MAX_CELL_CHARS = 1 << 20;
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
    /** The lines of {@link #leadingComments}: univocity counts from the line after them. */
    private final int skipped;
    /** The bytes before the parser's first (the leading comments'), and the file, for a refusal's line. */
    private long start;
    private final Path path;
    private String[] cells;
    private int line;
    private int lastLine;

    CsvRecords(Path path, char delimiter) {
        this.file = path.getFileName().toString();
        this.path = path;
        this.spaces = delimiter == ' ';
        String separator = lineSeparator(path);
        this.lineBreak = separator.charAt(0);
        long[] comments = leadingComments(path, lineBreak);
        this.skipped = (int) comments[1];
        this.lastLine = skipped;
        CsvParserSettings s = new CsvParserSettings();
        s.getFormat().setDelimiter(delimiter);
        s.getFormat().setQuote('"');
        s.getFormat().setQuoteEscape('"');
        s.setCommentProcessingEnabled(false); // see leadingComments
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
            InputStream in = Files.newInputStream(path);
            try {
                in.skipNBytes(comments[0]);
            } catch (IOException e) {
                in.close();
                throw e;
            }
            this.start = comments[0];
            parser.beginParsing(new SequenceInputStream(new Utf8CheckedStream(in), new ByteArrayInputStream(end)),
                    StandardCharsets.UTF_8);
        } catch (TextParsingException e) {
            throw refused(e); // the parser reads its first buffer here: a small file's bad bytes are in it
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

    /**
     * The bytes and the number of the lines that open the file before its header line: blank lines and lines whose
     * first non-blank character is '#' (a CSV file's notes, an ECSV file's YAML header), with a UTF-8 byte-order mark
     * before them. Only these are comments: a '#' line after the header is a record, as astropy's CSV reader has it,
     * rather than a row dropped unseen ({@code #tag} is a value; astropy writes it unquoted even in ECSV). Read here
     * because univocity's comment setting holds for the whole file.
     */
    private static long[] leadingComments(Path path, char lineBreak) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
            long bytes = 0, lines = 0, lineStart = 0;
            boolean comment = false;
            in.mark(3);
            if (in.read() == 0xEF && in.read() == 0xBB && in.read() == 0xBF) {
                bytes = lineStart = 3;
            } else {
                in.reset();
            }
            for (int c = in.read(); c != -1; c = in.read()) {
                bytes++;
                if (c == lineBreak) {
                    lines++;
                    lineStart = bytes;
                    comment = false;
                } else if (!comment && c > ' ') {
                    if (c != '#') {
                        return new long[] {lineStart, lines};
                    }
                    comment = true;
                }
            }
            // the file ends in a comment or blank line without a line break
            return new long[] {bytes, lines + (bytes > lineStart ? 1 : 0)};
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
        int end = (int) parser.getContext().currentLine() + skipped;
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

    /** The line (from 1) of the file's byte {@code offset}: counted again from the start, as only a refusal needs it. */
    private long lineOf(long offset) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
            long line = 1;
            for (long k = 0; k < offset; k++) {
                if (in.read() == lineBreak) {
                    line++;
                }
            }
            return line;
        } catch (IOException e) {
            return -1;
        }
    }

    private int breaks(String s) {
        int n = 0;
        for (int i = s.indexOf(lineBreak); i >= 0; i = s.indexOf(lineBreak, i + 1)) {
            n++;
        }
        return n;
    }

    private TasniException refused(TextParsingException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof Utf8CheckedStream.NotUtf8 bad) {
                return new TasniException(file + ": line " + lineOf(start + bad.offset) + " holds bytes that are not"
                        + " UTF-8; a CSV or ECSV file must be UTF-8 (save it again as UTF-8).", e);
            }
        }
        int at = (int) e.getLineIndex() + 1 + skipped;
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
