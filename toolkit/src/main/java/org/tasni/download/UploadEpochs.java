package org.tasni.download;

import java.util.Arrays;
import java.util.Map;
import org.tasni.io.Columns;
import org.tasni.io.Targets;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The targets ({@code designation, ra, dec}) uploaded in chunks and joined with the epochs on the server (TAP_UPLOAD,
 * async): far fewer requests than one cone per target. The server returns the target columns with the rows.
 */
final class UploadEpochs extends EpochStrategy {

    private static final long UPLOAD_MAXREC = 5_000_000;

    private final int targetsPerQuery;

    UploadEpochs(Targets targets, String table, double radiusArcsec, int targetsPerQuery) {
        super(targets, table, radiusArcsec);
        this.targetsPerQuery = targetsPerQuery;
    }

    @Override
    int targetsPerQuery() {
        return targetsPerQuery;
    }

    @Override
    String checkpointName(Chunk c) {
        StringBuilder key = new StringBuilder();
        for (int i = c.from(); i < c.to(); i++) {
            key.append(targetKey(designation(i), targets.ra()[i], targets.dec()[i]));
        }
        return String.format("upload_%06d-%06d_%s.parquet", c.from(), c.to() - 1, hash(key.toString()));
    }

    @Override
    String label(Chunk c) {
        return "targets " + (c.from() + 1) + "-" + c.to() + " of " + targets.designation().length;
    }

    @Override
    TapResult query(TapClient tap, Chunk c) {
        int from = c.from(), to = c.to();
        Table up = Table.create("targets", StringColumn.create("designation", Arrays.copyOfRange(targets.designation(), from, to)),
                DoubleColumn.create("ra", Arrays.copyOfRange(targets.ra(), from, to)),
                DoubleColumn.create("dec", Arrays.copyOfRange(targets.dec(), from, to)));
        StringBuilder sel = new StringBuilder("t.designation");
        for (String col : NeowiseEpochs.COLUMNS) {
            sel.append(", n.").append(col);
        }
        String adql = "SELECT " + sel + ", t.ra AS target_ra, t.dec AS target_dec FROM " + table + " AS n JOIN "
                + "TAP_UPLOAD.targets AS t ON 1=CONTAINS(POINT('ICRS', n.ra, n.dec), CIRCLE('ICRS', t.ra, t.dec, "
                + Adql.number(radiusArcsec / 3600) + "))";
        return tap.async(adql, UPLOAD_MAXREC, Map.of("targets", up));
    }

    /** The joined rows, the columns in the output's order. */
    @Override
    Table epochs(Table t, Chunk c) {
        Table out = Table.create("epochs", Columns.require(t, "designation"));
        for (String col : NeowiseEpochs.COLUMNS) {
            out.addColumns(Columns.require(t, col));
        }
        return out.addColumns(Columns.require(t, "target_ra"), Columns.require(t, "target_dec"));
    }
}
