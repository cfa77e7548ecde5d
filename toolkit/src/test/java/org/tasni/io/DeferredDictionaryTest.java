package org.tasni.io;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.strings.DictionaryMap;
import tech.tablesaw.selection.Selection;

/**
 * A string column of mostly distinct values, read with its dictionary deferred, against the same values put into a
 * Tablesaw column by Tablesaw itself: every answer the same, before and after the dictionary is built.
 */
class DeferredDictionaryTest {

    /** Rows of distinct designations, a few repeated and a few missing (null and empty), as codes into values. */
    private static StringColumn deferred(String[] expected) {
        int rows = expected.length;
        String[] values = new String[rows];
        int[] codes = new int[rows];
        for (int r = 0; r < rows; r++) {
            values[r] = r % 97 == 5 ? null : r % 89 == 3 ? "" : "J" + (100000 + (r % 450)) + "+" + r % 7;
            codes[r] = r;
            expected[r] = values[r] == null ? "" : values[r];
        }
        return StringDictionaries.column("designation", codes, rows, values, rows);
    }

    @Test
    void answersAsTablesawsOwnColumnWithoutAndWithTheDictionary() {
        String[] expected = new String[1000];
        StringColumn lazy = deferred(expected);
        StringColumn eager = StringColumn.create("designation", expected);
        DictionaryMap d = lazy.getDictionary();
        assertInstanceOf(DeferredDictionary.class, d, "mostly distinct values: the dictionary is deferred");
        // row-by-row reads, answered from the decoded values
        assertEquals(eager.size(), lazy.size());
        assertEquals(eager.countMissing(), lazy.countMissing());
        assertArrayEquals(eager.asObjectArray(), lazy.asObjectArray());
        List<String> iterated = new ArrayList<>();
        lazy.forEach(iterated::add);
        assertEquals(eager.asList(), iterated);
        for (int r = 0; r < expected.length; r++) {
            assertEquals(eager.get(r), lazy.get(r));
            assertEquals(eager.isMissing(r), lazy.isMissing(r), "row " + r);
        }
        assertTrue(d.toString().contains("not built"), "reads alone do not build the dictionary");
        assertEquals(Selection.with(eager.startsWith("J100001").toArray()).size(), lazy.startsWith("J100001").size());
        // anything else builds it and then answers as the eager column does
        assertEquals(eager.countUnique(), lazy.countUnique());
        assertTrue(d.toString().contains(", built"));
        assertEquals(eager.isEqualTo("J100003+3").size(), lazy.isEqualTo("J100003+3").size());
        assertEquals(eager.where(Selection.with(1, 5, 900)).asList(), lazy.where(Selection.with(1, 5, 900)).asList());
        assertEquals(eager.countByCategory().rowCount(), lazy.countByCategory().rowCount());
        lazy.append("new").set(0, "changed");
        eager.append("new").set(0, "changed");
        assertEquals(eager.asList(), lazy.asList());
        assertEquals(eager.unique().size(), lazy.unique().size());
    }

    @Test
    void aColumnOfFewValuesKeepsTheEagerDictionary() {
        int rows = 100;
        int[] codes = new int[rows];
        for (int r = 0; r < rows; r++) {
            codes[r] = r % 3;
        }
        StringColumn c = StringDictionaries.column("ph_qual", codes, rows, new String[] {"AAB", "ABU", null}, 3);
        assertFalse(c.getDictionary() instanceof DeferredDictionary);
        assertEquals(List.of("AAB", "ABU", ""), c.asList().subList(0, 3));
        assertEquals(2, c.countUnique() - (c.countMissing() > 0 ? 1 : 0));
    }
}
