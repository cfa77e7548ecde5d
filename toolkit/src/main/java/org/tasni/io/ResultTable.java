package org.tasni.io;

import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * A stage's result: the table itself (every Tablesaw method works on it) plus the report of the call that made it, so
 * a notebook keeps one value and no stage object: {@code var orphans = xm.orphans(wise, gaia); orphans.report()}.
 *
 * <p>The columns are the result's own (not copies). Tablesaw operations such as {@code where} or {@code sortOn}
 * return plain tables, without the report.
 *
 * @param <R> the stage's report record
 */
public class ResultTable<R> extends Table {

    private final R report;

    /** Wraps {@code table}'s columns (shared, not copied) under its name, with {@code report}. */
    public ResultTable(Table table, R report) {
        super(table.name(), table.columns());
        this.report = Objects.requireNonNull(report, "report");
    }

    /** What the call that made this table did: counts, drops, caveats, timings. */
    public R report() {
        return report;
    }
}
