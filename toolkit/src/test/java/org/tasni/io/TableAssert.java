package org.tasni.io;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Cell-by-cell table comparison for round-trip tests: same names, same types, bit-identical values. */
public final class TableAssert {

    /** The real NEOWISE epochs, shared beside the checkout (never copied into it). */
    public static final Path REAL_EPOCHS = Path.of("../../shared/data/neowise_epochs.parquet");

    private TableAssert() {}

    public static Path realEpochs() {
        Path p = Files.exists(REAL_EPOCHS) ? REAL_EPOCHS : Path.of("../shared/data/neowise_epochs.parquet");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(p),
                "skipped: ../shared/data/neowise_epochs.parquet is not present beside the checkout");
        return p;
    }

    public static void assertSameTable(Table expected, Table actual) {
        assertEquals(expected.columnNames(), actual.columnNames(), "column names");
        assertEquals(expected.rowCount(), actual.rowCount(), "row count");
        for (int k = 0; k < expected.columnCount(); k++) {
            Column<?> e = expected.column(k), a = actual.column(k);
            assertEquals(e.getClass(), a.getClass(), "type of " + e.name());
            for (int i = 0; i < e.size(); i++) {
                assertEquals(e.isMissing(i), a.isMissing(i), e.name() + " missing at row " + i);
                if (e.isMissing(i)) {
                    continue;
                }
                if (e instanceof DoubleColumn || e instanceof FloatColumn) {
                    double x = ((NumericColumn<?>) e).getDouble(i), y = ((NumericColumn<?>) a).getDouble(i);
                    assertEquals(Double.doubleToLongBits(x), Double.doubleToLongBits(y), e.name() + " row " + i);
                } else {
                    assertEquals(e.get(i), a.get(i), e.name() + " row " + i);
                }
            }
        }
    }

    /** Plain CSV has no types: values must match once narrowed back to the original type. */
    public static void assertSameValues(Table expected, Table actual) {
        assertEquals(expected.columnNames(), actual.columnNames());
        assertEquals(expected.rowCount(), actual.rowCount());
        for (int k = 0; k < expected.columnCount(); k++) {
            Column<?> e = expected.column(k), a = actual.column(k);
            for (int i = 0; i < e.size(); i++) {
                assertEquals(e.isMissing(i), a.isMissing(i), e.name() + " missing at row " + i);
                if (e.isMissing(i)) {
                    continue;
                }
                if (e instanceof FloatColumn) {
                    assertEquals(((NumericColumn<?>) e).getDouble(i), (float) ((NumericColumn<?>) a).getDouble(i),
                            0.0, e.name() + " row " + i);
                } else if (e instanceof NumericColumn<?> ne) {
                    assertEquals(ne.getDouble(i), ((NumericColumn<?>) a).getDouble(i), 0.0, e.name() + " row " + i);
                } else {
                    assertEquals(e.getString(i), a.getString(i), e.name() + " row " + i);
                }
            }
        }
    }
}
