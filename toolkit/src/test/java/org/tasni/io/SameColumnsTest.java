package org.tasni.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class SameColumnsTest {

    private static Table table(tech.tablesaw.columns.Column<?>... columns) {
        return Table.create("t", columns);
    }

    private static final Table FIRST = table(LongColumn.create("cntr"), DoubleColumn.create("ra"),
            DoubleColumn.create("dec"));

    @Test
    void theSameColumnsAgreeInOrderAndByName() {
        Table same = table(LongColumn.create("cntr", 7L), DoubleColumn.create("ra", 1.0), DoubleColumn.create("dec", 2.0));
        assertEquals(Optional.empty(), SameColumns.inOrder(FIRST, "a.parquet", same));
        assertEquals(Optional.empty(), SameColumns.byName(FIRST, "a.parquet", same));
        // a file's footer read as an empty table agrees with its rows
        assertEquals(Optional.empty(), SameColumns.inOrder(same, "a.parquet", FIRST));
    }

    @Test
    void anotherOrderDiffersInOrderButNotByName() {
        Table swapped = table(LongColumn.create("cntr"), DoubleColumn.create("dec"), DoubleColumn.create("ra"));
        assertEquals(Optional.of("its columns (cntr, dec, ra) are not those of a.parquet (cntr, ra, dec)"),
                SameColumns.inOrder(FIRST, "a.parquet", swapped));
        assertEquals(Optional.empty(), SameColumns.byName(FIRST, "a.parquet", swapped));
    }

    @Test
    void aTypeThatDiffersIsNamedWithBothTypesEitherWay() {
        // ids as doubles: the case that rounds every id above 2^53 if a union widens instead of refusing
        Table widened = table(DoubleColumn.create("cntr"), DoubleColumn.create("ra"), DoubleColumn.create("dec"));
        String expected = "column 'cntr' is DOUBLE here but LONG in a.parquet";
        assertEquals(Optional.of(expected), SameColumns.inOrder(FIRST, "a.parquet", widened));
        assertEquals(Optional.of(expected), SameColumns.byName(FIRST, "a.parquet", widened));
        Table narrowed = table(LongColumn.create("cntr"), FloatColumn.create("ra"), DoubleColumn.create("dec"));
        assertEquals(Optional.of("column 'ra' is FLOAT here but DOUBLE in a.parquet"),
                SameColumns.byName(FIRST, "a.parquet", narrowed));
    }

    @Test
    void aMissingOrAnExtraColumnIsNamedWithTheOtherFilesColumns() {
        Table missing = table(DoubleColumn.create("dec"), LongColumn.create("cntr"));
        assertEquals(Optional.of("no column 'ra', which a.parquet has (columns: dec, cntr)"),
                SameColumns.byName(FIRST, "a.parquet", missing));
        assertEquals(Optional.of("its columns (dec, cntr) are not those of a.parquet (cntr, ra, dec)"),
                SameColumns.inOrder(FIRST, "a.parquet", missing));
        Table extra = table(DoubleColumn.create("ra"), DoubleColumn.create("dec"), LongColumn.create("cntr"),
                StringColumn.create("designation"));
        assertEquals(Optional.of("column 'designation' is not in a.parquet (columns: cntr, ra, dec)"),
                SameColumns.byName(FIRST, "a.parquet", extra));
    }
}
