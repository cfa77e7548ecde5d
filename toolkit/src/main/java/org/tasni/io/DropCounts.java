package org.tasni.io;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Rows a stage left out, counted by {@link DropReason}. Thread-safe: pool threads may add to one instance.
 * Reports carry an immutable {@link #snapshot()}.
 */
public final class DropCounts {

    private final AtomicLongArray counts = new AtomicLongArray(DropReason.values().length);

    /** Counts one row dropped for {@code reason}. */
    public void add(DropReason reason) {
        counts.incrementAndGet(reason.ordinal());
    }

    /** Counts {@code n} rows dropped for {@code reason}. */
    public void add(DropReason reason, long n) {
        counts.addAndGet(reason.ordinal(), n);
    }

    /** Adds every count of {@code other}. */
    public void addAll(DropCounts other) {
        for (DropReason r : DropReason.values()) {
            add(r, other.get(r));
        }
    }

    /** The rows dropped for {@code reason} (0 if none). */
    public long get(DropReason reason) {
        return counts.get(reason.ordinal());
    }

    /** All rows dropped, whatever the reason. */
    public long total() {
        long t = 0;
        for (int i = 0; i < counts.length(); i++) {
            t += counts.get(i);
        }
        return t;
    }

    /** The non-zero counts in the enum's order. */
    public Map<DropReason, Long> snapshot() {
        Map<DropReason, Long> m = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            long n = get(r);
            if (n != 0) {
                m.put(r, n);
            }
        }
        return m;
    }

    /**
     * Every reason with its stats JSON key ({@code n_dropped_…}), zeros included, so a JSON reader always finds
     * the key; plus {@code n_dropped} for the total.
     */
    public Map<String, Long> toJson() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("n_dropped", total());
        for (DropReason r : DropReason.values()) {
            m.put(r.key(), get(r));
        }
        return m;
    }

    /** The counts as a table (reason, key, rows), non-zero reasons only. */
    public Table toTable() {
        Map<DropReason, Long> s = snapshot();
        StringColumn reason = StringColumn.create("reason");
        StringColumn key = StringColumn.create("key");
        LongColumn rows = LongColumn.create("rows");
        s.forEach((r, n) -> {
            reason.append(r.label());
            key.append(r.key());
            rows.append(n);
        });
        return Table.create("dropped", reason, key, rows);
    }

    /** "none", or "3 non-finite mjd, 1 duplicate". */
    @Override
    public String toString() {
        Map<DropReason, Long> s = snapshot();
        if (s.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        s.forEach((r, n) -> sb.append(sb.length() > 0 ? ", " : "").append(String.format("%,d %s", n, r.label())));
        return sb.toString();
    }
}
