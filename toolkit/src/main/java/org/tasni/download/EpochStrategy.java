package org.tasni.download;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.tasni.io.Targets;
import tech.tablesaw.api.Table;

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
