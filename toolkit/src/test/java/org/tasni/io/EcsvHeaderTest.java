package org.tasni.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The ECSV header as astropy writes it (keys in any order, wrapped lines, block entries), and the names we write. */
class EcsvHeaderTest {

    @TempDir
    Path dir;

    @Test
    void readsAUnitBeforeTheDatatypeAsAstropyWritesIt() throws IOException {
        // astropy 5.2: t = Table({'ra': [1.5]}); t['ra'].unit = u.deg; t.write('x.ecsv')
        Table t = TableIO.read(TestFiles.text(dir, "x.ecsv", String.join("\n",
                "# %ECSV 1.0",
                "# ---",
                "# datatype:",
                "# - {name: ra, unit: deg, datatype: float64}",
                "# schema: astropy-2.0",
                "ra",
                "1.5", "")));
        assertEquals(1.5, t.doubleColumn("ra").get(0));
    }

    @Test
    void readsEveryColumnEntryAstropyWrites() throws IOException {
        // astropy 5.2's own output, copied: a wrapped description, a unit with parentheses, a format, an escaped
        // name, names YAML would otherwise read as other things (a multidimensional column, with a subtype, is refused:
        // see aColumnWithASubtypeIsRefused)
        Table t = TableIO.read(TestFiles.text(dir, "y.ecsv", String.join("\n",
                "# %ECSV 1.0",
                "# ---",
                "# datatype:",
                "# - {name: ra, unit: deg, datatype: float64}",
                "# - {name: a_rather_long_column_name_for_testing, datatype: uint8, description: 'A long description "
                        + "of this column, with commas, and:",
                "#     colons, that goes on and on beyond eighty chars'}",
                "# - {name: flux, unit: erg / (cm2 s), datatype: float64, format: '{:.3f}'}",
                "# - {name: \"\\xE9\", datatype: int64}",
                "# - {name: it's, datatype: int64}",
                "# - {name: 'a: b', datatype: int64}",
                "# - {name: 'null', datatype: int64}",
                "# - {name: 'x #y', datatype: int64}",
                "# - {name: 1abc, datatype: int64}",
                "# - {name: d, datatype: float64, description: short}",
                "# schema: astropy-2.0",
                "ra a_rather_long_column_name_for_testing flux é it's \"a: b\" null \"x #y\" 1abc d",
                "1.5 1 2.0 1 2 3 4 5 6 3.0", "")));
        assertEquals(List.of("ra", "a_rather_long_column_name_for_testing", "flux", "é", "it's", "a: b", "null",
                "x #y", "1abc", "d"), t.columnNames());
        assertInstanceOf(ShortColumn.class, t.column(1));
        assertEquals(2.0, t.doubleColumn("flux").get(0));
        assertEquals(5L, t.longColumn("x #y").get(0));
        assertEquals(3.0, t.doubleColumn("d").get(0));
    }

    @Test
    void readsBlockEntriesTableMetaAndMultiLineNames() throws IOException {
        // astropy 5.2, a column with meta is written as a block mapping; the table's meta follows the columns
        Table t = TableIO.read(TestFiles.text(dir, "z.ecsv", String.join("\n",
                "# %ECSV 1.0",
                "# ---",
                "# datatype:",
                "# - name: ra",
                "#   unit: deg",
                "#   datatype: float64",
                "#   meta: !!omap",
                "#   - {ucd: pos.eq.ra}",
                "# - {name: n, datatype: uint8, description: count}",
                "# delimiter: ','",
                "# meta:",
                "#   EPOCH: 2000.0",
                "#   comments: [hello, world]",
                "#   nested:",
                "#     a: 1",
                "#     b: [1, 2]",
                "# schema: astropy-2.0",
                "ra,n",
                "1.5,200", "")));
        assertEquals(List.of("ra", "n"), t.columnNames());
        assertEquals(1.5, t.doubleColumn("ra").get(0));
        assertEquals((short) 200, t.shortColumn("n").get(0));
        // astropy 5.2 again: a name holding a line break is a quoted scalar over three lines, a tab an escape
        Table w = TableIO.read(TestFiles.text(dir, "w.ecsv", String.join("\n",
                "# %ECSV 1.0",
                "# ---",
                "# datatype:",
                "# - {name: 'a",
                "# ",
                "#     b', datatype: int64}",
                "# - {name: q\"x, datatype: int64}",
                "# - {name: \"tab\\tx\", datatype: int64}",
                "# schema: astropy-2.0",
                "\"a",
                "b\" \"q\"\"x\" \"tab\tx\"",
                "1 2 3", "")));
        assertEquals(List.of("a\nb", "q\"x", "tab\tx"), w.columnNames());
        assertEquals(List.of(1L, 2L, 3L),
                List.of(w.longColumn(0).get(0), w.longColumn(1).get(0), w.longColumn(2).get(0)));
        // a block entry whose keys start on the line after its dash (as other writers do)
        Table b = TableIO.read(TestFiles.text(dir, "b.ecsv", "# %ECSV 1.0\n# ---\n# datatype:\n#   -\n#     unit: deg\n"
                + "#     name: ra\n#     datatype: float32\nra\n1.5\n"));
        assertInstanceOf(FloatColumn.class, b.column("ra"));
    }

    @Test
    void refusesColumnEntriesItCannotUse() throws IOException {
        var e = assertThrows(TasniException.class, () -> TableIO.read(TestFiles.text(dir, "c.ecsv",
                "# %ECSV 1.0\n# ---\n# datatype:\n# - {unit: deg, name: c, datatype: complex128}\nc\n(1+2j)\n")));
        assertEquals("c.ecsv: line 4, column 'c' has ECSV datatype 'complex128', which is not supported.", TestFiles.oneLine(e));
        var e2 = assertThrows(TasniException.class, () -> TableIO.read(TestFiles.text(dir, "n.ecsv",
                "# %ECSV 1.0\n# ---\n# datatype:\n# - {name: ra, datatype: float64}\n# - {name: dec, unit: deg}\n"
                        + "ra dec\n1 2\n")));
        assertEquals("n.ecsv: line 5, column 'dec' has no datatype in the ECSV header.", TestFiles.oneLine(e2));
        var e3 = assertThrows(TasniException.class, () -> TableIO.read(TestFiles.text(dir, "m.ecsv",
                "# %ECSV 1.0\n# ---\n# datatype:\n# - {unit: deg, datatype: float64}\nra\n1\n")));
        assertEquals("m.ecsv: line 4: a column of the ECSV header has no name.", TestFiles.oneLine(e3));
        var e4 = assertThrows(TasniException.class, () -> TableIO.read(TestFiles.text(dir, "q.ecsv",
                "# %ECSV 1.0\n# ---\n# datatype:\n# - {name: 'ra, datatype: float64}\nra\n1\n")));
        assertTrue(TestFiles.oneLine(e4).startsWith("q.ecsv: line 4: could not read the ECSV header ("), e4.getMessage());
        var e5 = assertThrows(TasniException.class, () -> TableIO.read(TestFiles.text(dir, "d.ecsv",
                "# %ECSV 1.0\n# ---\n# delimiter: '|'\n# datatype:\n# - {name: ra, datatype: float64}\nra\n1\n")));
        assertEquals("d.ecsv: line 3: only comma- or space-delimited ECSV is supported (delimiter: '|').", TestFiles.oneLine(e5));
    }

    /**
     * astropy's JSON (object) and array columns carry a subtype, and their cells are JSON: read as strings, astropy's
     * 'x' came back from a rewrite as '"x"', so such a column is refused, naming it and its subtype.
     */
    @Test
    void aColumnWithASubtypeIsRefused() throws IOException {
        // astropy 5.2: Table({'o': np.array(['x', {'a': 1}], dtype=object)}).write('j.ecsv')
        var e = assertThrows(TasniException.class, () -> TableIO.read(TestFiles.text(dir, "j.ecsv", String.join("\n",
                "# %ECSV 1.0", "# ---", "# datatype:", "# - {name: ra, datatype: float64}",
                "# - {name: o, datatype: string, subtype: json}", "# schema: astropy-2.0",
                "ra o", "1.5 \"\"\"x\"\"\"", "2.5 \"{\"\"a\"\":1}\"", ""))));
        assertEquals("j.ecsv: line 5, column 'o' has ECSV subtype 'json' (cells of JSON or arrays), which is not "
                + "supported; only scalar columns are read. Drop the column, or split an array into one column per "
                + "element.", TestFiles.oneLine(e));
        // astropy 5.2: Table({'s': [[1, 2]]}).write('a.ecsv'), in block style
        var a = assertThrows(TasniException.class, () -> TableIO.read(TestFiles.text(dir, "a.ecsv", String.join("\n",
                "# %ECSV 1.0", "# ---", "# datatype:", "# - name: s", "#   datatype: string", "#   subtype: int64[2]",
                "# schema: astropy-2.0", "s", "[1,2]", ""))));
        assertTrue(TestFiles.oneLine(a).startsWith("a.ecsv: line 4, column 's' has ECSV subtype 'int64[2]'"),
                a.getMessage());
    }

    @Test
    void plainScalarsAreTheirTextAndTagsArePassedOver() throws IOException {
        // a plain yes, null, 1e3 or 0x10 is a name as written; astropy's meta holds tags SnakeYAML would not construct
        EcsvHeader h = EcsvHeader.read(TestFiles.text(dir, "p.ecsv", String.join("\n",
                "# %ECSV 1.0",
                "# ---",
                "# datatype:",
                "# - {name: yes, datatype: int64}",
                "# - {name: null, datatype: int64}",
                "# - {name: 1e3, datatype: int64}",
                "# - {name: 0x10, datatype: float64}",
                "# meta: !!omap",
                "# - tup: !!python/tuple [1, 2]",
                "# - {cx: !!python/complex '1.0+2.0j'}",
                "# - __serialized_columns__:",
                "#     t: {value: !astropy.table.SerializedColumn {name: t}}",
                "# schema: astropy-2.0",
                "yes null 1e3 0x10", "1 2 3 4", "")), "p.ecsv");
        assertEquals(List.of("yes", "null", "1e3", "0x10"), h.names());
        assertEquals(List.of("int64", "int64", "int64", "float64"), h.datatypes());
        assertEquals(' ', h.delimiter());
    }

    @Test
    void malformedYamlIsRefusedWithItsLine() throws IOException {
        String head = "# %ECSV 1.0\n# ---\n# datatype:\n# - {name: ra, datatype: float64}\n";
        var e = assertThrows(TasniException.class, () -> TableIO.read(TestFiles.text(dir, "s.ecsv",
                head + "# - {name: dec, datatype: float64\n# schema: astropy-2.0\nra dec\n1 2\n")));
        assertTrue(TestFiles.oneLine(e).startsWith("s.ecsv: line 6: could not read the ECSV header (while parsing a flow mapping "
                + "from line 5: "), e.getMessage());
        var e2 = assertThrows(TasniException.class, () -> TableIO.read(TestFiles.text(dir, "k.ecsv",
                head + "# - {name: dec, name: de, datatype: float64}\nra dec\n1 2\n")));
        assertEquals("k.ecsv: line 5: could not read the ECSV header (key 'name' is given twice).", TestFiles.oneLine(e2));
        var e3 = assertThrows(TasniException.class, () -> TableIO.read(TestFiles.text(dir, "x.ecsv",
                head + "# - {name: \u0001, datatype: float64}\nra x\n1 2\n")));
        assertEquals("x.ecsv: line 5: could not read the ECSV header (character U+0001 is not allowed).", TestFiles.oneLine(e3));
        // aliases of a collection, as a "billion laughs" header has them, are limited
        var e4 = assertThrows(TasniException.class, () -> TableIO.read(TestFiles.text(dir, "l.ecsv", head + "# meta:\n#   a: &a [x, x]"
                + "\n#   b: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nra\n1\n")));
        assertEquals("l.ecsv: could not read the ECSV header (Number of aliases for non-scalar nodes exceeds the "
                + "specified max=10).", TestFiles.oneLine(e4));
    }

    private static final List<String> AWKWARD = List.of("null", "true", "False", "no", "Yes", "on", "OFF", "y", "N",
            "~", "1abc", "123", "1e5", ".inf", "-x", "x.y", "a: b", "a #b", "#x", "it's", "a\"b", "@at", "*star",
            "&and", "!bang", "%pct", "[x]", "{x}", "a,b", "|x", ">x", "?q", "é", "tab\tx", "ok_name", "_under");

    /** The names above, and one holding a line break, which astropy cannot read in a CSV header line. */
    private static Table awkward(boolean lineBreak) {
        Table t = Table.create("names");
        for (int k = 0; k < AWKWARD.size(); k++) {
            t.addColumns(IntColumn.create(AWKWARD.get(k), new int[] {k}));
        }
        if (lineBreak) {
            t.addColumns(IntColumn.create("two\nlines", new int[] {AWKWARD.size()}));
        }
        return t;
    }

    @Test
    void quotesEveryNameYamlWouldReadAsSomethingElse() throws IOException {
        Path p = dir.resolve("names.ecsv");
        TableIO.write(awkward(true), p);
        String header = Files.readString(p);
        for (String plain : List.of("ok_name", "_under")) {
            assertTrue(header.contains("# - {name: " + plain + ", datatype: int32}"), header);
        }
        for (String quoted : List.of("'null'", "'true'", "'False'", "'no'", "'Yes'", "'on'", "'OFF'", "'y'", "'N'",
                "'~'", "'1abc'", "'123'", "'x.y'", "'a: b'", "'a #b'", "'it''s'", "'a\"b'", "'é'",
                "\"tab\\tx\"", "\"two\\nlines\"")) {
            assertTrue(header.contains("# - {name: " + quoted + ", datatype: int32}"), quoted + " in\n" + header);
        }
        Table back = TableIO.read(p);
        assertEquals(awkward(true).columnNames(), back.columnNames());
        for (int k = 0; k <= AWKWARD.size(); k++) {
            assertEquals(k, back.intColumn(k).get(0), back.column(k).name());
        }
    }

    /** astropy reads back the names we write (skipped where python3 or astropy is missing). */
    @Test
    void astropyReadsTheNamesWeWrite() throws Exception {
        Path p = dir.resolve("names.ecsv");
        TableIO.write(awkward(false), p);
        Path py = TestFiles.text(dir, "read.py", String.join("\n",
                "import sys",
                "from astropy.table import Table",
                "t = Table.read(sys.argv[1], format='ascii.ecsv')",
                "for c in t.colnames:",
                "    print('COL', ascii(c), t[c].dtype.name, t[c][0])",
                ""));
        String log = TestFiles.python(py, p.toString());
        List<String> lines = log.lines().filter(l -> l.startsWith("COL ")).toList();
        assertEquals(AWKWARD.size(), lines.size(), log);
        for (int k = 0; k < AWKWARD.size(); k++) {
            assertEquals("COL " + pyAscii(AWKWARD.get(k)) + " int32 " + k, lines.get(k), log);
        }
    }

    /** Python's ascii() of a str, for the names above. */
    private static String pyAscii(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\\') {
                b.append("\\\\");
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c >= 0x7f || c < 0x20) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        String q = s.contains("'") && !s.contains("\"") ? "\"" : "'";
        String body = b.toString();
        return q + (q.equals("'") ? body.replace("'", "\\'") : body) + q;
    }

    @Test
    void namesAreUnchangedForTheUsualCase() {
        Table t = Table.create("t", LongColumn.create("source_id", new long[] {1}), DoubleColumn.create("ra", 1.0),
                StringColumn.create("phot_g_mean_mag", "x"));
        Path p = dir.resolve("t.ecsv");
        TableIO.write(t, p);
        assertEquals(t.columnNames(), TableIO.read(p).columnNames());
    }
}
