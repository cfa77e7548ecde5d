package org.tasni.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class RecordTablesTest {

    record Row(long tile, TileStatus status, Integer nRows, int requests, double seconds, boolean recomputed,
            @RecordTables.Name("max_in_1s") int maxIn1s, String message) {}

    @Test
    void oneColumnPerComponentTypedAndSnakeCased() {
        Table t = RecordTables.toTable("tiles", Row.class, List.of(
                new Row(6044, TileStatus.OK, 12, 3, 1.5, false, 2, "fine"),
                new Row(6045, TileStatus.FAILED, null, 7, 0.25, true, 4, null)));
        assertEquals("tiles", t.name());
        assertEquals(List.of("tile", "status", "n_rows", "requests", "seconds", "recomputed", "max_in_1s", "message"),
                t.columnNames());
        assertEquals(List.of(ColumnType.LONG, ColumnType.STRING, ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.DOUBLE,
                ColumnType.BOOLEAN, ColumnType.INTEGER, ColumnType.STRING), t.columns().stream().map(c -> c.type()).toList());
        assertEquals("FAILED", t.stringColumn("status").get(1));
        assertEquals(12, t.intColumn("n_rows").get(0));
        assertTrue(t.intColumn("n_rows").isMissing(1), "a null boxed number is missing");
        assertEquals("", t.stringColumn("message").get(1));
        assertEquals(0.25, t.doubleColumn("seconds").get(1));
        assertTrue(t.booleanColumn("recomputed").get(1));
    }

    @Test
    void anEmptyListKeepsTheColumnsAndOneRecordIsOneRow() {
        assertEquals(8, RecordTables.toTable("none", Row.class, List.of()).columnCount());
        Table one = RecordTables.toTable(new Row(1, TileStatus.DONE_BEFORE, 5, 0, 0, false, 0, "x"));
        assertEquals(1, one.rowCount());
        assertEquals("Row", one.name());
        assertEquals("n_dropped_wise", RecordTables.snakeCase("nDroppedWise"));
    }
}
