package org.tasni.variability;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The cuts' bits row by row, written out by hand, over a whole table and over a range of its rows. */
class QualityCutsTest {

    /** Five exposures: each column's value, and a missing one, on either side of the standard thresholds. */
    private static Table exposures() {
        ShortColumn qual = ShortColumn.create("qual_frame", new short[] {0, 5, 10, 7, 3});
        qual.setMissing(3); // a missing value fails, as NaN does
        FloatColumn qi = FloatColumn.create("qi_fact", new float[] {1, 0.9f, 0.5f, Float.NaN, 1});
        DoubleColumn saa = DoubleColumn.create("saa_sep", new double[] {10, 0, 5, 5, Double.NaN});
        StringColumn moon = StringColumn.create("moon_masked", new String[] {"00", "01", "00", "", "00"});
        StringColumn cc = StringColumn.create("cc_flags", new String[] {"0000", "00d0", "h000", "0000", ""});
        return Table.create("cuts", qual, qi, saa, moon, cc);
    }

    @Test
    void eachCutSetsItsBit() {
        QualityCuts cuts = new QualityCuts(VariabilityConfig.standard().cuts());
        Table t = exposures();
        // bits: 1 qual_frame > 0, 2 qi_fact >= 0.9, 4 saa_sep > 0, 8 moon_masked "00", 16 cc_flags starting "00"
        byte[] want = {1, 2 | 4 | 8, 2 | 16, 1 | 2 | 8, 4 | 16};
        assertArrayEquals(want, cuts.apply(t, RowRange.all(t)));
        assertArrayEquals(new byte[] {want[1], want[2], want[3]}, cuts.apply(t, new RowRange(1, 4)));
        assertArrayEquals(new byte[0], cuts.apply(t, new RowRange(5, 5)));
    }

    @Test
    void anIntegerQualFrameIsReadAsItsValue() {
        // another integer type, its missing value included
        IntColumn qual = IntColumn.create("qual_frame", new int[] {0, 5, 10});
        qual.setMissing(2);
        Table t = Table.create("cuts", qual);
        assertArrayEquals(new byte[] {1, 0, 1}, new QualityCuts(VariabilityConfig.standard().cuts()).apply(t, RowRange.all(t)));
    }

    /**
     * Where no cut applies, no array: every row passes. No cut enabled (the periodogram's and the legacy preset's), or
     * none of the enabled cuts' columns present; one such column is enough for an array.
     */
    @Test
    void noArrayWhereNoCutApplies() {
        Table t = exposures(), bare = Table.create("bare", DoubleColumn.create("mjd", new double[] {58000, 58001}));
        QualityCuts standard = new QualityCuts(VariabilityConfig.standard().cuts());
        assertNull(QualityCuts.none().apply(t, RowRange.all(t)));
        assertNull(standard.apply(bare, RowRange.all(bare)));
        for (String name : QualityCuts.NAMES) {
            Table one = Table.create("one", t.column(name));
            assertNotNull(standard.apply(one, RowRange.all(one)), name);
        }
    }
}
