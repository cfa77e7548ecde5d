package org.tasni.crossmatch;

import java.util.Arrays;

/** A growable list of (left row, right row, separation in arcsec) triples on primitive arrays. */
final class PairList {
    int[] left = new int[256];
    int[] right = new int[256];
    double[] sep = new double[256];
    private int n;

    int size() {
        return n;
    }

    void add(int l, int r, double s) {
        if (n == left.length) {
            left = Arrays.copyOf(left, 2 * n);
            right = Arrays.copyOf(right, 2 * n);
            sep = Arrays.copyOf(sep, 2 * n);
        }
        left[n] = l;
        right[n] = r;
        sep[n] = s;
        n++;
    }

    /** Orders the pairs added since {@code from} (one left row's) by right row, for output independent of the index. */
    void sortRightFrom(int from) {
        for (int i = from + 1; i < n; i++) {
            int r = right[i];
            double s = sep[i];
            int j = i - 1;
            while (j >= from && right[j] > r) {
                right[j + 1] = right[j];
                sep[j + 1] = sep[j];
                j--;
            }
            right[j + 1] = r;
            sep[j + 1] = s;
        }
    }

    static PairList concat(PairList[] parts) {
        PairList out = new PairList();
        int total = 0;
        for (PairList p : parts) {
            total += p.n;
        }
        out.left = new int[Math.max(1, total)];
        out.right = new int[Math.max(1, total)];
        out.sep = new double[Math.max(1, total)];
        for (PairList p : parts) {
            System.arraycopy(p.left, 0, out.left, out.n, p.n);
            System.arraycopy(p.right, 0, out.right, out.n, p.n);
            System.arraycopy(p.sep, 0, out.sep, out.n, p.n);
            out.n += p.n;
        }
        return out;
    }
}
