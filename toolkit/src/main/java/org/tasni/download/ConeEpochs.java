package org.tasni.download;

import java.util.Arrays;
import org.tasni.io.Columns;
import org.tasni.io.Targets;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** One synchronous cone per target; each row gets its target's designation and position here. */
final class ConeEpochs extends EpochStrategy {

    ConeEpochs(Targets targets, String table, double radiusArcsec) {
        super(targets, table, radiusArcsec);
    }

    @Override
    int targetsPerQuery() {
        return 1;
    }

    @Override
    String checkpointName(Chunk c) {
        return checkpointName(designation(c.from()), targets.ra()[c.from()], targets.dec()[c.from()]);
    }

    /** A cone's checkpoint file name: the designation made safe for a file name, then the hash that tells targets apart. */
    static String checkpointName(String designation, double ra, double dec) {
        String readable = designation.replaceAll("[^A-Za-z0-9+.-]", "_");
        readable = readable.substring(0, Math.min(60, readable.length()));
        return readable + "_" + hash(targetKey(designation, ra, dec)) + ".parquet";
    }

    @Override
    String label(Chunk c) {
        return "target " + designation(c.from());
    }

    @Override
    TapResult query(TapClient tap, Chunk c) {
        int i = c.from();
        return tap.sync(Adql.cone(table, NeowiseEpochs.COLUMNS, "ra", "dec", targets.ra()[i], targets.dec()[i],
                radiusArcsec / 3600), 0);
    }

    /** A cone's rows with the target's designation and position. */
    @Override
    Table epochs(Table t, Chunk c) {
        int i = c.from();
        int rows = t.rowCount();
        String[] d = new String[rows];
        Arrays.fill(d, designation(i));
        double[] tr = new double[rows], td = new double[rows];
        Arrays.fill(tr, targets.ra()[i]);
        Arrays.fill(td, targets.dec()[i]);
        Table out = Table.create("epochs", StringColumn.create("designation", d));
        for (String col : NeowiseEpochs.COLUMNS) {
            out.addColumns(Columns.require(t, col));
        }
        return out.addColumns(DoubleColumn.create("target_ra", tr), DoubleColumn.create("target_dec", td));
    }
}
