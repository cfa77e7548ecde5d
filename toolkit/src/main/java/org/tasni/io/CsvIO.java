package org.tasni.io;

import java.nio.file.Path;
import tech.tablesaw.api.Table;

/**
 * CSV and ECSV files ↔ Tablesaw tables.
 *
 * <p>Plain CSV has a header line and no types. Reading looks at every cell of a column (a first pass over the file)
 * and picks the narrowest type that holds all of them: integer (int, or long when a value needs 64 bits; never
 * double, so ids stay exact), floating point (double), boolean ({@code true}/{@code false}, any case) or string.
 * In number and boolean columns the cells {@code nan}, {@code NaN}, {@code NA}, {@code N/A}, {@code null},
 * {@code None}, {@code <NA>} and empty cells are missing values, and {@code inf}, {@code -inf}, {@code Infinity},
 * {@code -Infinity} (any case) are ±infinity, as astropy, pandas and R write them (a finite number beyond the largest
 * double, such as {@code 1e400}, is refused rather than read as infinity; one below the smallest rounds to 0); a
 * column whose only values are such markers is a double column if one of them is {@code nan}, else a string column,
 * and so is every column of a file with no data rows. A column in which an integer cell has a leading zero
 * ({@code 007}, {@code 00}, {@code 0000}; {@code 0} alone and decimals such as {@code 0.5} do not count) is a string
 * column: such cells are codes or ids
 * (IRSA's {@code cc_flags}, {@code moon_masked}), and as integers {@code 007} and {@code 7} would merge. The integer
 * -9223372036854775808 is refused (it is the missing-value marker of 64-bit columns). A column holding a word among
 * numbers is a string column (a stage that needs numbers then names
 * the first such cell). A column that mixes 64-bit integers beyond 2<sup>53</sup> with fractions or infinities is
 * refused, naming the lines: a double could not hold those integers exactly. A header cell left empty (pandas'
 * index) is named {@code colN} (N counted from 1).
 *
 * <p>ECSV (astropy's Enhanced CSV, version 1.0, comma- or space-delimited) adds a commented YAML header with each
 * column's datatype and comes back with exactly the types it was written with; astropy, TOPCAT and STIL read it
 * natively. A column's entry in the header may give its keys in any order and carry a unit, description, format or
 * meta (passed over), in flow or block style, as astropy writes them; a column with a subtype (astropy's JSON and
 * array columns, such as {@code float64[2]}) is refused. Its float columns take {@code nan}, {@code inf} and
 * {@code -inf} as astropy writes them, and an empty cell (astropy's masked value) is missing in every
 * column. A number must fit the datatype the header declares: a float32 or float64 beyond the largest value is
 * refused rather than read as infinity, and an integer outside its declared type's range (uint8 0 to 255, int8 -128
 * to 127, uint16, uint32, ...) is refused, though the column is read into a wider kind (uint8 and int8 into 16 bits,
 * uint16 into 32, uint32 and uint64 into 64; a uint64 above the largest long is refused). The smallest int16, int32
 * and int64 are refused too: they are this toolkit's missing-value markers. Column names that YAML would read as
 * something else ({@code null}, {@code yes}, {@code 1e5}, {@code a: b}) are written quoted.
 *
 * <p>Both readers skip a UTF-8 byte-order mark and blank lines, accept quoted cells (with commas, quotes and line
 * breaks inside) and refuse a row whose number of cells differs from the header's, naming the file and the line
 * (counted from 1, as an editor shows it, the header being a line too). Lines starting with {@code #} are comments
 * only before the header line (a CSV file's notes, the ECSV header): after it such a line is a row like any other, as
 * astropy's CSV reader reads it, so that a value such as {@code #tag} in the first column is kept rather than dropped
 * unseen (astropy writes it unquoted even in ECSV, though its own ECSV reader then skips the row). A comment among the
 * rows is therefore read as a row: in a number column its cell is refused (ECSV) or makes a string column (CSV), and
 * one of another number of cells is refused.
 *
 * <p>Values are written in their shortest exact form ({@link Double#toString}, {@link Float#toString}; infinities as
 * {@code inf} and {@code -inf}), so every number reads back bit-identical. A missing value is an empty field. Strings
 * that hold a comma, a quote or a line break are quoted.
 *
 * <p>This class is the entry point; the work is done by package-private classes: {@link CsvRecords} splits a file
 * into records with their line numbers, {@link CsvInference} and {@link CsvToken} decide a plain column's type,
 * {@link CsvReader} builds the table, {@link EcsvHeader} reads and writes the ECSV header, {@link CsvWriter} writes.
 */
public final class CsvIO {

    private CsvIO() {}

    /** Reads a plain CSV file, inferring column types (see the class comment). */
    public static Table readCsv(Path path) {
        return CsvReader.readCsv(path);
    }

    /** Reads an ECSV file with the column types of its header. */
    public static Table readEcsv(Path path) {
        return CsvReader.readEcsv(path);
    }

    /** Writes plain CSV. */
    public static void writeCsv(Table table, Path path) {
        CsvWriter.write(table, path, false);
    }

    /** Writes ECSV 1.0 with a comma delimiter. */
    public static void writeEcsv(Table table, Path path) {
        CsvWriter.write(table, path, true);
    }
}
