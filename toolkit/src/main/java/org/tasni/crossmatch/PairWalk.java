package org.tasni.crossmatch;

/** The all-pairs search of one thread: the {@link ZoneWalk} once at radius R, keeping every point within it. */
final class PairWalk extends ZoneWalk {

    private double radiusArcsec;
    private int leftRow;
    private PairList out;

    PairWalk(ZoneIndex idx) {
        super(idx);
    }

    /** Adds (leftRow, right row, separation) for every indexed point within R of (ra, dec), in right row order. */
    void within(double ra, double dec, double radiusArcsec, int leftRow, PairList out) {
        setQuery(ra, dec);
        this.radiusArcsec = radiusArcsec;
        this.leftRow = leftRow;
        this.out = out;
        int mark = out.size();
        walk(ra, dec, radiusArcsec / 3600.0);
        out.sortRightFrom(mark);
    }

    @Override
    void scan(int p, int q) {
        final double[] v = idx.xyz;
        for (int k = p; k < q; k++) {
            double dx = v[3 * k] - qx, dy = v[3 * k + 1] - qy, dz = v[3 * k + 2] - qz;
            if (dx * dx + dy * dy + dz * dz > maxChord2) {
                continue;
            }
            double sep = angleArcsec(k);
            if (sep <= radiusArcsec) {
                out.add(leftRow, idx.row[k], sep);
            }
        }
    }
}
