package org.tasni.crossmatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One left row's pairs put in right-row order, each separation kept with its right row, the rows before untouched. */
class PairListTest {

    record Pair(int right, double sep) {}

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 5, 32, 33, 1_000, 100_000})
    void aLeftRowsPairsAreOrderedByRightRowWithTheirSeparations(int k) {
        var rnd = new SplittableRandom(k);
        PairList list = new PairList();
        List<Pair> before = new ArrayList<>(), run = new ArrayList<>();
        for (int i = 0; i < 7; i++) { // an earlier left row's pairs, in an order sortRightFrom must not touch
            before.add(new Pair(100 - i, i));
            list.add(0, 100 - i, i);
        }
        // distinct right rows in a random order, as the index hands them over, each with its own separation
        int[] rows = rnd.ints(0, Integer.MAX_VALUE).distinct().limit(k).toArray();
        for (int r : rows) {
            double sep = rnd.nextDouble(3);
            run.add(new Pair(r, sep));
            list.add(1, r, sep);
        }
        list.sortRightFrom(before.size());
        run.sort(Comparator.comparingInt(Pair::right));
        List<Pair> expected = new ArrayList<>(before);
        expected.addAll(run);
        assertEquals(expected.size(), list.size());
        for (int i = 0; i < list.size(); i++) {
            assertEquals(expected.get(i), new Pair(list.right[i], list.sep[i]), "pair " + i);
            assertEquals(i < before.size() ? 0 : 1, list.left[i]);
        }
    }
}
