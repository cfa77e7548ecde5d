package org.tasni.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TileStatusTest {

    @Test
    void selectsAndCountsRowsOfASummary() {
        Table s = Table.create("tiles", LongColumn.create("tile", 1, 2, 3, 4),
                StringColumn.create("status", "OK", "FAILED", "NO_GAIA", "DONE_BEFORE"));
        assertEquals(2, TileStatus.count(s, TileStatus.OK, TileStatus.DONE_BEFORE));
        Table bad = TileStatus.select(s, TileStatus.FAILED, TileStatus.NO_GAIA, TileStatus.EMPTY_GAIA);
        assertEquals(2, bad.rowCount());
        assertEquals(2L, bad.longColumn("tile").get(0));
        assertTrue(TileStatus.DONE_BEFORE.isDone());
        assertFalse(TileStatus.EMPTY_GAIA.isDone());
        assertTrue(TileStatus.FAILED.isProblem());
    }
}
