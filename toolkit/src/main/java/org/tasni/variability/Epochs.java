package org.tasni.variability;

import it.unimi.dsi.fastutil.ints.IntArrays;
import org.tasni.TasniException;
import org.tasni.io.Columns;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.strings.DictionaryMap;

/**
 * Epochs as primitive arrays, grouped by source in one pass: {@code order[start[k] .. start[k+1])} are the rows of
 * source k, in time order. Sources are numbered in order of first appearance.
 *
 * <p>Grouping reads the designation column's dictionary codes, never the strings, so already-grouped input costs one
 * scan and ungrouped input one counting sort: O(rows) either way, not the reference's O(sources × rows) scan.
 *
 * <p>Column aliases: IRSA's {@code w1mpro, w1sigmpro, w2mpro, w2sigmpro} or the reference's {@code w1mpro_ep, …}.
 */
final class Epochs {

    final String file;
    final int rows;
    final double[] mjd, w1, e1, w2, e2;
    final int[] order;
    final int[] start;
    final String[] designation;
    /** Per row, a bit per failed quality cut (see {@link QualityCuts}); 0 when the row passes. */
    final byte[] cut;
    final boolean wasGrouped;

    Epochs(Table t, String idColumn, QualityCuts cuts) {
        file = t.name();
        rows = t.rowCount();
        mjd = Columns.doubles(t, "mjd");
        w1 = Columns.doubles(t, pick(t, "w1mpro", "w1mpro_ep"));
        e1 = Columns.doubles(t, pick(t, "w1sigmpro", "w1sigmpro_ep"));
        w2 = Columns.doubles(t, pick(t, "w2mpro", "w2mpro_ep"));
        e2 = Columns.doubles(t, pick(t, "w2sigmpro", "w2sigmpro_ep"));
        cut = cuts.apply(t);
        StringColumn id = Columns.strings(t, idColumn);
        int[] key = dictionaryKeys(id);
        int minKey = rows == 0 ? 0 : key[rows], range = rows == 0 ? 0 : key[rows + 1] - minKey + 1;
        // dense source numbers in order of first appearance
        int[] number = new int[range];
        java.util.Arrays.fill(number, -1);
        int sources = 0, runs = 0;
        int[] code = new int[rows];
        for (int i = 0; i < rows; i++) {
            int k = key[i] - minKey;
            if (number[k] < 0) {
                number[k] = sources++;
            }
            code[i] = number[k];
            if (i == 0 || code[i] != code[i - 1]) {
                runs++;
            }
        }
        wasGrouped = runs == sources;
        start = new int[sources + 1];
        for (int i = 0; i < rows; i++) {
            start[code[i] + 1]++;
        }
        for (int k = 0; k < sources; k++) {
            start[k + 1] += start[k];
        }
        order = new int[rows];
        if (wasGrouped) {
            for (int i = 0; i < rows; i++) {
                order[i] = i;
            }
        } else {
            int[] fill = java.util.Arrays.copyOf(start, sources);
            for (int i = 0; i < rows; i++) {
                order[fill[code[i]]++] = i;
            }
        }
        designation = new String[sources];
        for (int k = 0; k < sources; k++) {
            int first = order[start[k]];
            designation[k] = id.get(first);
            if (designation[k].isEmpty()) {
                throw new TasniException(file + " row " + first + ": column '" + idColumn + "' is empty; every epoch needs a source id.");
            }
        }
    }

    /**
     * The dictionary key of every row of a string column, read without touching the strings, followed by the smallest
     * and the largest key (the array has size() + 2 entries).
     */
    static int[] dictionaryKeys(StringColumn s) {
        DictionaryMap dict = s.getDictionary();
        int n = s.size();
        int[] key = new int[n + 2];
        int min = Integer.MAX_VALUE, max = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            key[i] = dict.getKeyAtIndex(i);
            min = Math.min(min, key[i]);
            max = Math.max(max, key[i]);
        }
        key[n] = min;
        key[n + 1] = max;
        return key;
    }

    int sources() {
        return designation.length;
    }

    /** Sorts source k's rows by mjd unless they already are (NaN mjd last). */
    void sortByTime(int k) {
        int from = start[k], to = start[k + 1];
        for (int i = from + 1; i < to; i++) {
            if (!(mjd[order[i]] >= mjd[order[i - 1]])) {
                IntArrays.quickSort(order, from, to, (a, b) -> Double.compare(mjd[a], mjd[b]));
                return;
            }
        }
    }

    private String pick(Table t, String irsa, String legacy) {
        if (t.containsColumn(irsa)) {
            return irsa;
        }
        if (t.containsColumn(legacy)) {
            return legacy;
        }
        throw new TasniException(t.name() + ": no column '" + irsa + "' or '" + legacy + "' (columns: "
                + String.join(", ", t.columnNames()) + ").");
    }
}
