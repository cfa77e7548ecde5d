package org.tasni.download;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.tasni.io.DropCounts;
import org.tasni.io.DropReason;
import org.tasni.io.Targets;
import org.tasni.sky.SkyMath;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.BitmapBackedSelection;

/**
 * How {@link NeowiseEpochs} asks for the epochs of a chunk of targets: {@link ConeEpochs}, one cone per target, or
 * {@link UploadEpochs}, the targets uploaded and joined on the server. Each names its checkpoints and shapes its
 * results into the same columns ({@code designation}, {@link NeowiseEpochs#COLUMNS}, {@code target_ra},
 * {@code target_dec}), so that both ways give the same table.
 */
abstract sealed class EpochStrategy permits ConeEpochs, UploadEpochs {

    /** A query's worth of targets: rows [from, to) of the target table. */
    record Chunk(int from, int to) {

        int size() {
            return to - from;
        }
    }

    final Targets targets;
    final String table;
    final double radiusArcsec;

    EpochStrategy(Targets targets, String table, double radiusArcsec) {
        this.targets = targets;
        this.table = table;
        this.radiusArcsec = radiusArcsec;
    }

    /** Targets per query before any overflow halves a chunk. */
    abstract int targetsPerQuery();

    /**
     * The checkpoint file of a chunk, named by a hash of its targets' exact designations and positions: two targets
     * never share a file (a readable prefix alone would map "J1 2" and "J1_2", or "a" and "A" on a case-insensitive
     * disk, to one name), and a changed target list never reuses a stale file.
     */
    abstract String checkpointName(Chunk c);

    /** The chunk as notices and failures name it. */
    abstract String label(Chunk c);

    /** The query of a chunk. */
    abstract TapResult query(TapClient tap, Chunk c);

    /** A chunk's result in the columns and order of the output. */
    abstract Table epochs(Table result, Chunk c);

    /**
     * A chunk's result in the output's columns and types ({@link EpochTable#conform}), with the rows that cannot be
     * its targets' epochs left out and counted in {@code dropped}, before anything is written: a row without a
     * designation ({@code MISSING_ID}); one whose designation is not a target of the chunk, or that lies farther from
     * its target than the cone radius ({@code OUTSIDE_CONE}: a cone or join cannot have found it there); a NaN,
     * infinite or impossible position
     * ({@code NONFINITE_POSITION}, {@code POSITION_OUT_OF_RANGE}); and a row (designation, mjd, ra, dec) already seen
     * ({@code DUPLICATE}: the same detection sent twice would count twice in every statistic of the light curve). {@code target_ra} and
     * {@code target_dec} are set from the targets as given, not as the service echoes them.
     */
    final Table checked(Table result, Chunk c, DropCounts dropped) {
        Table t = EpochTable.conform(epochs(result, c), label(c));
        Map<String, Integer> target = new HashMap<>();
        for (int i = c.to() - 1; i >= c.from(); i--) {
            target.put(designation(i), i);
        }
        StringColumn des = t.stringColumn("designation");
        double[] ra = t.doubleColumn("ra").asDoubleArray(), dec = t.doubleColumn("dec").asDoubleArray();
        double[] mjd = t.doubleColumn("mjd").asDoubleArray();
        DoubleColumn tra = t.doubleColumn("target_ra"), tdec = t.doubleColumn("target_dec");
        // a service may print positions to 1e-6 degree (0.0036″): a row just inside the cone must not fall out of it
        double radiusDeg = (radiusArcsec + 0.01) / 3600;
        Set<String> seen = new HashSet<>();
        BitmapBackedSelection keep = new BitmapBackedSelection();
        for (int r = 0; r < t.rowCount(); r++) {
            String d = des.get(r);
            Integer i = d.isBlank() ? null : target.get(d);
            DropReason why = d.isBlank() ? DropReason.MISSING_ID : i == null ? DropReason.OUTSIDE_CONE
                    : DropReason.ofPosition(ra[r], dec[r]);
            if (why == null && SkyMath.separationDeg(ra[r], dec[r], targets.ra()[i], targets.dec()[i]) > radiusDeg) {
                why = DropReason.OUTSIDE_CONE;
            }
            // an exact repeat only (time and position): two detections in one exposure (a blend's parts, a neighbour
            // in the cone) share an mjd and are both real; which one a light curve takes is the variability's rule,
            // applied after the epochs are sorted, so not decided here by the service's row order
            if (why == null && !seen.add(d + "\t" + Double.doubleToLongBits(mjd[r]) + "\t"
                    + Double.doubleToLongBits(ra[r]) + "\t" + Double.doubleToLongBits(dec[r]))) {
                why = DropReason.DUPLICATE;
            }
            if (why != null) {
                dropped.add(why);
                continue;
            }
            tra.set(r, targets.ra()[i]);
            tdec.set(r, targets.dec()[i]);
            keep.add(r);
        }
        return t.where(keep);
    }

    String designation(int i) {
        return targets.designation()[i];
    }

    /** One target's exact designation and position, as hashed into checkpoint names. */
    static String targetKey(String designation, double ra, double dec) {
        return designation + "\t" + Long.toHexString(Double.doubleToLongBits(ra)) + "\t"
                + Long.toHexString(Double.doubleToLongBits(dec)) + "\n";
    }

    /** 64 bits of SHA-256, in hex: a collision among a catalogue's targets is out of reach. */
    static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
