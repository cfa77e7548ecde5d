package org.tasni.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tasni.TasniException;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * Numbers a CSV or ECSV column's type cannot hold: a finite text beyond the largest double or float, an integer
 * outside the range the ECSV header declares, and an integer type's smallest value (the missing-value marker). Each is
 * refused naming the file, line and column; the values at the edges of each range are read exactly.
 */
class CsvValueRangeTest {

    @TempDir
    Path dir;

    /** A one-column comma-delimited ECSV file of {@code datatype}, the cells one a line (data from line 7). */
    private Path ecsv(String name, String datatype, String... cells) throws IOException {
        return TestFiles.text(dir, name, "# %ECSV 1.0\n# ---\n# delimiter: ','\n# datatype:\n# - {name: a, datatype: " + datatype
                + "}\na\n" + String.join("\n", cells) + "\n");
    }

    private static double value(Table t, String column, int row) {
        return ((NumericColumn<?>) t.column(column)).getDouble(row);
    }

    @Test
    void aCsvNumberBeyondTheLargestDoubleIsRefusedNotMadeInfinite() throws IOException {
        Path p = TestFiles.text(dir, "o.csv", "id,x\n1,1.5\n2,1e400\n");
        var e = assertThrows(TasniException.class, () -> TableIO.read(p));
        assertEquals("o.csv: line 3, column 'x': '1e400' is beyond the largest float64 (1.7976931348623157E308) and "
                + "would become infinity; write inf for an infinite value.", TestFiles.oneLine(e));
        Path neg = TestFiles.text(dir, "n.csv", "id,x\n1,-2e308\n");
        assertTrue(TestFiles.oneLine(assertThrows(TasniException.class, () -> TableIO.read(neg)))
                .startsWith("n.csv: line 2, column 'x': '-2e308' is beyond the largest float64"));
        // the written infinities stay infinities, and an underflow rounds to zero as IEEE arithmetic does
        Table t = TableIO.read(TestFiles.text(dir, "ok.csv", "x\ninf\n-Infinity\nINFINITY\n1e-400\n1.7976931348623157e308\n"));
        assertEquals(List.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.0,
                Double.MAX_VALUE), t.doubleColumn("x").asList());
    }

    @Test
    void anEcsvNumberBeyondItsFloatTypeIsRefusedNotMadeInfinite() throws IOException {
        var e = assertThrows(TasniException.class, () -> TableIO.read(ecsv("f.ecsv", "float32", "1.0", "1e39")));
        assertEquals("f.ecsv: line 8, column 'a': '1e39' is beyond the largest float32 (3.4028235E38) and would "
                + "become infinity; write inf for an infinite value.", TestFiles.oneLine(e));
        assertTrue(TestFiles.oneLine(assertThrows(TasniException.class, () -> TableIO.read(ecsv("g.ecsv", "float64", "-1e309"))))
                .startsWith("g.ecsv: line 7, column 'a': '-1e309' is beyond the largest float64"));
        Table t = TableIO.read(ecsv("ok.ecsv", "float32", "inf", "-inf", "Infinity", "3.4028235e38", "-3.4028235e38",
                "1e-50", "nan"));
        assertEquals(List.of(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY,
                Float.MAX_VALUE, -Float.MAX_VALUE, 0f), t.floatColumn("a").asList().subList(0, 6));
        assertTrue(t.floatColumn("a").isMissing(6));
        // a float64 column holds what a float32 one cannot
        assertEquals(1e39, value(TableIO.read(ecsv("d.ecsv", "float64", "1e39")), "a", 0));
    }

    @ParameterizedTest
    @CsvSource({
        "int8, -128, 127, -129, 128",
        "uint8, 0, 255, -1, 300",
        "int16, -32767, 32767, -32769, 32768",
        "uint16, 0, 65535, -1, 65536",
        "int32, -2147483647, 2147483647, -2147483649, 2147483648",
        "uint32, 0, 4294967295, -1, 4294967296",
        "uint64, 0, 9223372036854775807, -1, -5",
    })
    void anEcsvIntegerOutsideItsDeclaredTypeIsRefused(String type, long min, long max, String below, String above)
            throws IOException {
        Table t = TableIO.read(ecsv("ok.ecsv", type, String.valueOf(min), String.valueOf(max), "\"\""));
        assertEquals(min, (long) value(t, "a", 0), type);
        assertEquals(max, ((Number) t.column("a").get(1)).longValue(), type);
        assertTrue(t.column("a").isMissing(2), type);
        String shownMax = type.equals("uint64") ? "18446744073709551615" : String.valueOf(max);
        String shownMin = type.equals("int16") || type.equals("int32") ? String.valueOf(min - 1) : String.valueOf(min);
        for (String bad : List.of(below, above)) {
            Path p = ecsv("bad.ecsv", type, String.valueOf(min), bad);
            assertEquals("bad.ecsv: line 8, column 'a': " + bad + " is outside " + type + " (" + shownMin + " to "
                    + shownMax + "), the type the ECSV header declares.",
                    TestFiles.oneLine(assertThrows(TasniException.class, () -> TableIO.read(p))), type);
        }
    }

    @Test
    void aUint64AboveTheLargestLongIsRefusedForWhatItIs() throws IOException {
        var e = assertThrows(TasniException.class,
                () -> TableIO.read(ecsv("u.ecsv", "uint64", "0", "9223372036854775813")));
        assertEquals("u.ecsv: line 8, column 'a': 9223372036854775813 is a uint64 above 9223372036854775807, the "
                + "largest integer this toolkit holds (its integers are signed 64-bit).", TestFiles.oneLine(e));
        // a cell that is no integer at all still says so, naming the declared type
        assertEquals("v.ecsv: line 7, column 'a': 'x' is not a valid uint8 (the type the ECSV header declares).",
                TestFiles.oneLine(assertThrows(TasniException.class, () -> TableIO.read(ecsv("v.ecsv", "uint8", "x")))));
    }

    @Test
    void anIntegerTypesSmallestValueIsRefusedAsTheMissingMarker() throws IOException {
        var e = assertThrows(TasniException.class, () -> TableIO.read(ecsv("m.ecsv", "int16", "1", "-32768")));
        assertEquals("m.ecsv: line 8, column 'a': -32768 is the smallest 16-bit integer, which this toolkit uses as "
                + "its missing-value marker and cannot hold as a value; leave the cell empty for a missing value.",
                TestFiles.oneLine(e));
        assertTrue(TestFiles.oneLine(assertThrows(TasniException.class,
                () -> TableIO.read(ecsv("m32.ecsv", "int32", "-2147483648"))))
                .startsWith("m32.ecsv: line 7, column 'a': -2147483648 is the smallest 32-bit integer, which this "
                        + "toolkit uses as its missing-value marker"));
        assertTrue(TestFiles.oneLine(assertThrows(TasniException.class,
                () -> TableIO.read(ecsv("m64.ecsv", "int64", "-9223372036854775808"))))
                .startsWith("m64.ecsv: line 7, column 'a': -9223372036854775808 is the smallest 64-bit integer, which "
                        + "this toolkit uses as its missing-value marker"));
    }
}
