package org.tasni.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tasni.TasniException;
import org.tasni.io.TableIO;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class CandidateCutsTest {

    /** Each step's count against a row-by-row count written out plainly, on the four sample WISE tiles. */
    @Test
    void countsEqualABruteForceCountOnTheSamples() {
        Table wise = TableIO.read("../data-samples/tiles/wise_hp0604[4-7].parquet");
        CandidateCuts.Result r = CandidateCuts.reference().apply(wise);
        long[] expected = new long[7];
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < wise.rowCount(); i++) {
            double s1 = wise.floatColumn("w1snr").get(i), s2 = wise.floatColumn("w2snr").get(i);
            String ph = wise.stringColumn("ph_qual").get(i), cc = wise.stringColumn("cc_flags").get(i);
            double colour = wise.floatColumn("w1mpro").get(i) - (double) wise.floatColumn("w2mpro").get(i);
            boolean[] pass = {s1 >= 5, s2 >= 5, "AB".indexOf(ph.charAt(0)) >= 0, "AB".indexOf(ph.charAt(1)) >= 0,
                cc.charAt(0) == '0', cc.charAt(1) == '0', colour >= 0.5};
            boolean all = true;
            for (int k = 0; k < pass.length; k++) {
                all &= pass[k];
                if (all) {
                    expected[k]++;
                }
            }
            if (all) {
                kept.add(wise.stringColumn("designation").get(i));
            }
        }
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], r.steps().get(k).rows(), r.steps().get(k).step());
        }
        assertEquals(kept, r.candidates().stringColumn("designation").asList());
        assertTrue(kept.size() > 100, "the samples hold candidates: " + kept.size());
        for (int i = 0; i < r.candidates().rowCount(); i++) {
            Table c = r.candidates();
            assertEquals(c.floatColumn("w1mpro").get(i) - (double) c.floatColumn("w2mpro").get(i),
                    c.doubleColumn(CandidateCuts.COLOUR).get(i), 1e-12);
        }
    }

    /** NaN S/N, a missing or short ph_qual and cc_flags fail their cut and are counted there, not lost or thrown. */
    @Test
    void hostileValuesFailTheirCutAndAreCounted() {
        Table t = Table.create("hostile",
                StringColumn.create("designation", "ok", "nan-snr", "no-ph", "short-cc", "blue", "nan-mag"),
                FloatColumn.create("w1snr", new float[] {10, Float.NaN, 10, 10, 10, 10}),
                FloatColumn.create("w2snr", new float[] {10, 10, 10, 10, 10, 10}),
                StringColumn.create("ph_qual", "AAAU", "AAAU", null, "AAAU", "AAAU", "AAAU"),
                StringColumn.create("cc_flags", "0000", "0000", "0000", "0", "0000", "0000"),
                FloatColumn.create("w1mpro", new float[] {15, 15, 15, 15, 15, Float.NaN}),
                FloatColumn.create("w2mpro", new float[] {14, 14, 14, 14, 14.9f, 14}));
        CandidateCuts.Result r = CandidateCuts.reference().apply(t);
        assertEquals(List.of(5L, 5L, 4L, 4L, 4L, 3L, 1L), r.steps().stream().map(FunnelStep::rows).toList());
        assertEquals(List.of("ok"), r.candidates().stringColumn("designation").asList());
    }

    @Test
    void aMissingColumnIsNamed() {
        Table t = Table.create("orphans.parquet", StringColumn.create("designation", "a"));
        TasniException e = assertThrows(TasniException.class, () -> CandidateCuts.reference().apply(t));
        assertTrue(e.getMessage().contains("w1snr"), e.getMessage());
    }

    @Test
    void everyThresholdIsASetting() {
        CandidateCuts c = CandidateCuts.reference().withMinW1Snr(3).withMinW2Snr(4).withPhQual("ABC").withCcFlags("0h")
                .withMinW1W2(1.0);
        assertEquals(new CandidateCuts(3, 4, "ABC", "0h", 1.0), c);
        assertThrows(TasniException.class, () -> c.withPhQual(""));
        assertThrows(TasniException.class, () -> c.withMinW1W2(Double.NaN));
    }

    /**
     * ph_qual letters in any case, as --backend and --source take theirs: "ab" had kept no source (0 candidates, exit 0);
     * a letter that is no photometric quality code is refused, naming the codes.
     */
    @Test
    void phQualTakesAnyCaseAndOnlyTheQualityCodes() {
        Table wise = TableIO.read("../data-samples/tiles/wise_hp06044.parquet");
        CandidateCuts lower = CandidateCuts.reference().withPhQual("ab");
        assertEquals(CandidateCuts.reference(), lower);
        assertEquals(CandidateCuts.reference().apply(wise).candidates().rowCount(), lower.apply(wise).candidates().rowCount());
        assertEquals("ABCUXZ", new CandidateCuts(5, 5, "abcuxz", "0", 0.5).phQual());
        for (String bad : List.of("AQ", "A B", "0", "ab!")) {
            TasniException e = assertThrows(TasniException.class, () -> CandidateCuts.reference().withPhQual(bad));
            assertTrue(e.getMessage().startsWith("candidate cuts: '"), e.getMessage());
            assertTrue(e.getMessage().endsWith("is not a photometric quality code; give letters of A, B, C, U, X, Z "
                    + "(any case), e.g. AB."), e.getMessage());
        }
        assertEquals("candidate cuts: 'Q' of ph_qual (--ph-qual) \"AQ\" is not a photometric quality code; give "
                + "letters of A, B, C, U, X, Z (any case), e.g. AB.",
                assertThrows(TasniException.class, () -> CandidateCuts.reference().withPhQual("aq")).getMessage());
    }
}
