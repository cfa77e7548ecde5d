package org.tasni.io;

import tech.tablesaw.api.Table;

/**
 * A report record that also converts to a one-row {@link Table} (style §3.5): implement it on a {@code record} and
 * {@link #toTable()} comes with it, one column per component as {@link RecordTables} makes them.
 */
public interface TableReport {

    /** This report as a one-row table, one column per record component (a map of counts becomes one text column). */
    default Table toTable() {
        if (!(this instanceof Record r)) {
            throw new IllegalStateException(getClass().getName() + " implements TableReport but is not a record.");
        }
        return RecordTables.toTable(r);
    }
}
