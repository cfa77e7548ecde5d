package org.tasni.variability;

/**
 * One thread's working arrays for one source at a time: its exposures (time, both bands), then one band's usable
 * epochs compacted. Grown, never shrunk, so that a loop over sources allocates nothing per source. The kernels never
 * see this class: they get its plain arrays and a [0, n) slice.
 */
final class Exposures {

    double[] t = new double[512];
    /** Magnitudes and errors per band, indexed by {@link Band#ordinal()}. */
    final double[][] m = {new double[512], new double[512]}, s = {new double[512], new double[512]};
    /** Per band, its usable epochs (time, magnitude, σ), filled by {@link #usable}. */
    final double[][] bt = {new double[512], new double[512]}, bm = {new double[512], new double[512]},
            bs = {new double[512], new double[512]};
    /** Per band, the number of its usable epochs, and per exposure a bit per band where it is usable (Stetson's J). */
    final int[] usable = new int[2];
    byte[] bands = new byte[512];
    /** The work arrays of {@link BandStatistics#into}: one band's weights and times in years. */
    double[] weights = new double[512], years = new double[512];
    /** The work arrays of {@link StetsonIndices#into}. */
    final StetsonIndices.Work stetson = new StetsonIndices.Work();

    void ensure(int n) {
        if (t.length < n) {
            int c = Math.max(n, 2 * t.length);
            t = new double[c];
            for (int b = 0; b < m.length; b++) {
                m[b] = new double[c];
                s[b] = new double[c];
            }
            for (int b = 0; b < bt.length; b++) {
                bt[b] = new double[c];
                bm[b] = new double[c];
                bs[b] = new double[c];
            }
            bands = new byte[c];
            weights = new double[c];
            years = new double[c];
        }
    }

    /** Puts exposure {@code i} of the epochs into slot {@code n}. */
    void put(int n, Epochs e, int i) {
        t[n] = e.mjd.get(i);
        m[0][n] = e.w1.get(i);
        s[0][n] = e.e1.get(i);
        m[1][n] = e.w2.get(i);
        s[1][n] = e.e2.get(i);
    }

    /**
     * Copies the usable epochs of band {@code b} among the first n into {@code bt[b]}, {@code bm[b]}, {@code bs[b]},
     * sets bit b of {@code bands} per exposure where it is usable (band 0 first: it clears the other bits), and returns
     * their number (also in {@code usable[b]}).
     */
    int usable(int n, int b) {
        double[] mb = m[b], sb = s[b], ct = bt[b], cm = bm[b], cs = bs[b];
        byte[] mask = bands;
        byte bit = (byte) (1 << b);
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (StetsonIndices.usable(mb[i], sb[i])) {
                ct[k] = t[i];
                cm[k] = mb[i];
                cs[k] = sb[i];
                k++;
                mask[i] = (byte) (b == 0 ? bit : mask[i] | bit);
            } else if (b == 0) {
                mask[i] = 0;
            }
        }
        usable[b] = k;
        return k;
    }

    double[] m(Band b) {
        return m[b.ordinal()];
    }

    double[] s(Band b) {
        return s[b.ordinal()];
    }
}
