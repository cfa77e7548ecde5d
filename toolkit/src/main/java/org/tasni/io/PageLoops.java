package org.tasni.io;

/**
 * The copy loops of {@link ParquetPages}: a page's values, gathered through its dictionary indices (or its PLAIN
 * positions), into a column's array, with or without nulls. One small static method per type and case, so that the
 * optimising compiler compiles each once, as soon as its loop is hot, and never again for a type met later (one
 * method with a switch over the types was deoptimised and recompiled, all its loops each time, as new types came).
 * An index out of range (a corrupt page) fails on the array bound or with the message of {@link #outOfRange}: for the
 * string codes, a negative one too (a 32-bit index with its top bit set), which a 16-bit code would otherwise wrap to
 * another value of the dictionary.
 */
final class PageLoops {

    private PageLoops() {}

    static void gather(double[] values, int[] ids, double[] out, int at, int n) {
        for (int r = 0; r < n; r++) {
            out[at + r] = values[ids[r]];
        }
    }

    static void gather(float[] values, int[] ids, float[] out, int at, int n) {
        for (int r = 0; r < n; r++) {
            out[at + r] = values[ids[r]];
        }
    }

    static void gather(int[] values, int[] ids, int[] out, int at, int n) {
        for (int r = 0; r < n; r++) {
            out[at + r] = values[ids[r]];
        }
    }

    static void gather(long[] values, int[] ids, long[] out, int at, int n) {
        for (int r = 0; r < n; r++) {
            out[at + r] = values[ids[r]];
        }
    }

    /** A string column's rows as codes into its values: {@code base} plus the dictionary index, checked. */
    static void gatherCodes(int size, int base, int[] ids, int[] codes, int at, int n) {
        for (int r = 0; r < n; r++) {
            int id = ids[r];
            if (id < 0 || id >= size) {
                throw outOfRange(id, size);
            }
            codes[at + r] = base + id;
        }
    }

    /** As the other {@code gatherCodes}, into 16-bit codes (unsigned; the caller has checked that they fit). */
    static void gatherCodes(int size, int base, int[] ids, short[] codes, int at, int n) {
        for (int r = 0; r < n; r++) {
            int id = ids[r];
            if (id < 0 || id >= size) {
                throw outOfRange(id, size);
            }
            codes[at + r] = (short) (base + id);
        }
    }

    /** A PLAIN page's n string values, appended as values base, base + 1, …: their codes. */
    static void plainCodes(int base, int[] codes, int at, int n) {
        for (int k = 0; k < n; k++) {
            codes[at + k] = base + k;
        }
    }

    /** As the other {@code plainCodes}, into 16-bit codes. */
    static void plainCodes(int base, short[] codes, int at, int n) {
        for (int k = 0; k < n; k++) {
            codes[at + k] = (short) (base + k);
        }
    }

    static void scatter(double[] values, int[] ids, int[] levels, double[] out, int at, int n) {
        for (int r = 0, v = 0; r < n; r++) {
            out[at + r] = levels[r] != 0 ? values[ids[v++]] : Double.NaN;
        }
    }

    static void scatter(float[] values, int[] ids, int[] levels, float[] out, int at, int n) {
        for (int r = 0, v = 0; r < n; r++) {
            out[at + r] = levels[r] != 0 ? values[ids[v++]] : Float.NaN;
        }
    }

    static void scatter(int[] values, int[] ids, int[] levels, int[] out, int at, int n) {
        for (int r = 0, v = 0; r < n; r++) {
            out[at + r] = levels[r] != 0 ? values[ids[v++]] : 0;
        }
    }

    static void scatter(long[] values, int[] ids, int[] levels, long[] out, int at, int n) {
        for (int r = 0, v = 0; r < n; r++) {
            out[at + r] = levels[r] != 0 ? values[ids[v++]] : 0;
        }
    }

    static void scatterCodes(int size, int base, int empty, int[] ids, int[] levels, int[] codes, int at, int n) {
        for (int r = 0, v = 0; r < n; r++) {
            if (levels[r] != 0) {
                int id = ids[v++];
                if (id < 0 || id >= size) {
                    throw outOfRange(id, size);
                }
                codes[at + r] = base + id;
            } else {
                codes[at + r] = empty;
            }
        }
    }

    /** As the other {@code scatterCodes}, into 16-bit codes. */
    static void scatterCodes(int size, int base, int empty, int[] ids, int[] levels, short[] codes, int at, int n) {
        for (int r = 0, v = 0; r < n; r++) {
            if (levels[r] != 0) {
                int id = ids[v++];
                if (id < 0 || id >= size) {
                    throw outOfRange(id, size);
                }
                codes[at + r] = (short) (base + id);
            } else {
                codes[at + r] = (short) empty;
            }
        }
    }

    static IllegalStateException outOfRange(int id, int size) {
        return new IllegalStateException("dictionary index " + id + " out of range (" + size + " entries)");
    }
}
