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
    /** One band's usable epochs, filled by {@link #usable}. */
    double[] bt = new double[512], bm = new double[512], bs = new double[512];
    /** The work array of {@link BandStatistics#into}. */
    double[] work = new double[1024];
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
            bt = new double[c];
            bm = new double[c];
            bs = new double[c];
            work = new double[2 * c];
        }
    }

    /** Puts exposure {@code i} of the epochs into slot {@code n}. */
    void put(int n, Epochs e, int i) {
        t[n] = e.mjd[i];
        m[0][n] = e.w1[i];
        s[0][n] = e.e1[i];
        m[1][n] = e.w2[i];
        s[1][n] = e.e2[i];
    }

    /** Copies the usable epochs of band {@code b} among the first n into bt/bm/bs and returns their number. */
    int usable(int n, Band b) {
        return usable(n, b.ordinal());
    }

    /** The same for the band of ordinal b. */
    int usable(int n, int b) {
        double[] mb = m[b], sb = s[b];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (StetsonIndices.usable(mb[i], sb[i])) {
                bt[k] = t[i];
                bm[k] = mb[i];
                bs[k] = sb[i];
                k++;
            }
        }
        return k;
    }

    double[] m(Band b) {
        return m[b.ordinal()];
    }

    double[] s(Band b) {
        return s[b.ordinal()];
    }
}
