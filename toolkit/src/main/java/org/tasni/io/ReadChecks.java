package org.tasni.io;

import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tasni.TasniException;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Checks shared by the readers of every format, so that each refuses the same things with the same words. */
final class ReadChecks {

    private ReadChecks() {}

    /**
     * Refuses a path that is not a regular file: a directory (a Spark- or pandas-style partitioned dataset such as
     * {@code dir.parquet/}) is named as such, since "no such file" would be wrong for it.
     */
    static void requireFile(Path path) {
        if (Files.isDirectory(path)) {
            throw new TasniException(path + ": is a directory (a partitioned dataset?); give a file.");
        }
        if (!Files.isRegularFile(path)) {
            throw new TasniException(path + ": no such file.");
        }
    }

    /**
     * A UTF-8 decoder that reports bytes that are not UTF-8 instead of putting U+FFFD in their place, as Java's own
     * decoding (and so Arrow's Text, parquet-java's Binary, an InputStreamReader) does: a changed value no one would
     * see. Not thread-safe: one per reader and thread.
     */
    static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * Refuses a column name of {@code file} that begins or ends with whitespace: Tablesaw trims every column name, so
     * ' y ' became 'y', an output held another name than its input and a column could not be asked for as it is
     * named. Every reader calls this with the name as the file holds it, before the column is made.
     */
    static void requireName(String file, String name) {
        if (!name.equals(name.trim())) { // String.trim, what Tablesaw's columns do to a name
            throw new TasniException(file + ": column '" + TextChecks.printable(name) + "' has leading or trailing "
                    + "whitespace in its name, which this toolkit's tables cannot keep (the name would become '"
                    + TextChecks.printable(name.trim()) + "'); rename the column in the file.");
        }
    }

    /**
     * Adds a column read from {@code file}, refusing one whose name differs from an earlier column's only in case
     * ({@code ra} and {@code RA}): Tablesaw looks names up ignoring case, so it could not hold both, and which one a
     * stage used would be a guess.
     */
    static void add(Table t, String file, Column<?> c) {
        for (String n : t.columnNames()) {
            if (n.equalsIgnoreCase(c.name())) {
                throw new TasniException(file + ": columns '" + n + "' and '" + c.name() + "' differ only in case; "
                        + "column names must differ ignoring case. Rename one.");
            }
        }
        t.addColumns(c);
    }
}
