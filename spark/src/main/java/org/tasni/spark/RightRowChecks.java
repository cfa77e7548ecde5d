package org.tasni.spark;

import java.io.Serializable;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.apache.spark.api.java.function.Function;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.crossmatch.MatchMode;
import org.tasni.crossmatch.MatchReport;
import org.tasni.io.DropReason;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * One Spark task of the count of right rows the matcher leaves out (an impossible proper motion, a missing id) or
 * keeps unmoved (a NaN proper motion): a right partition's own rows, by the toolkit's own rules. The match's tasks see
 * these rows too, but with margins and some partitions more than once; here each row is counted once.
 */
final class RightRowChecks implements Function<Pixel, RightRowChecks.Counts>, Serializable {

    /** The rows of some right partitions left out, by reason, and left unmoved. */
    record Counts(Map<DropReason, Long> dropped, long unmoved) implements Serializable {

        Counts {
            Map<DropReason, Long> m = new EnumMap<>(DropReason.class);
            dropped.forEach((r, n) -> {
                if (n != 0) {
                    m.put(r, n);
                }
            });
            dropped = Collections.unmodifiableMap(m);
        }

        static final Counts NONE = new Counts(Map.of(), 0);

        /** {@code catalogue}'s rows left out at partitioning (no usable position) added. */
        Counts plus(PartitionedCatalog catalogue) {
            return plus(new Counts(catalogue.dropped(), 0));
        }

        Counts plus(Counts o) {
            Map<DropReason, Long> m = new EnumMap<>(DropReason.class);
            m.putAll(dropped);
            o.dropped.forEach((r, n) -> m.merge(r, n, Long::sum));
            return new Counts(m, unmoved + o.unmoved);
        }
    }

    private final MatchSpec spec;
    private final PartitionedCatalog right;

    RightRowChecks(MatchSpec spec, PartitionedCatalog right) {
        this.spec = spec;
        this.right = right;
    }

    /** True when a match in {@code spec}'s mode can leave a right row out: it reads ids, or propagates. */
    static boolean needed(MatchSpec spec) {
        return spec.mode().namesRightSources() || !Double.isNaN(spec.gapYears());
    }

    @Override
    public Counts call(Pixel p) {
        Table r = PartitionTables.read(right.requireFiles(p), spec.rightColumns());
        CrossMatcher m = spec.matcher();
        // no left row: the matcher only reads and checks the right rows, as it does in a match of this mode
        Table none = Table.create("none", DoubleColumn.create(m.leftColumnNames().ra()),
                DoubleColumn.create(m.leftColumnNames().dec()));
        MatchReport rep = m.run(spec.mode().namesRightSources() ? MatchMode.NEAREST : MatchMode.ORPHANS, none, r).report();
        return new Counts(rep.rightDropped(), rep.rightUnmoved());
    }
}
