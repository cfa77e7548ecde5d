package org.tasni.bench;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The benchmarks' checks can fail: which agreements fail a run, the summary of a stage's peers, numpy's statistics
 * compared one by one (the worst named), and the download's bound marked where it cannot bind.
 */
class BenchmarkChecksTest {

    @TempDir
    Path dir;

    @Test
    void aMismatchOrAFailureFailsTheRunAndNothingElseDoes() {
        for (String bad : List.of("mismatch: 3 orphans", "peer failed: exit 1: boom", "failed: no match_s")) {
            assertTrue(BenchRow.isFailure(bad), bad);
        }
        for (String fine : List.of("ok: same 3 orphans", "reference", BenchRow.NO_PEER, "peer not installed (no stilts)",
                "n/a: bound 43.0 not binding")) {
            assertFalse(BenchRow.isFailure(fine), fine);
        }
        assertTrue(BenchRow.isFailure(BenchRow.peerFailed("x", "DuckDB", "exit 1").agreement()));
        assertFalse(BenchRow.isFailure(BenchRow.notInstalled("x", "DuckDB", "no jar").agreement()));
    }

    @Test
    void theToolkitRowSaysWhetherItsPeersAgreeFailedOrNoneRan() {
        assertEquals(BenchRow.NO_PEER, AllBenchmark.verdict(List.of(), List.of(), List.of()));
        assertEquals("ok: astropy, scipy agree", AllBenchmark.verdict(List.of("astropy", "scipy", "astropy"), List.of(), List.of()));
        assertEquals("peer failed: STILTS", AllBenchmark.verdict(List.of("astropy"), List.of(), List.of("STILTS")));
        assertTrue(AllBenchmark.verdict(List.of(), List.of(), List.of("tasni CLI (the toolkit's own run)")).startsWith("failed: "));
        assertEquals("mismatch: scipy disagree", AllBenchmark.verdict(List.of("astropy"), List.of("scipy"), List.of("STILTS")));
    }

    @Test
    void everyNumpyStatisticIsComparedAndTheWorstNamed() throws Exception {
        Table ours = Table.create("s", IntColumn.create("n_w1", 10, 12), DoubleColumn.create("chi2_w1", 1.0, 2.0),
                DoubleColumn.create("trend_w2_p", 0.5, Double.NaN));
        Npy.writeDoubles(dir.resolve("numpy_n_w1.npy"), new double[] {10, 12});
        Npy.writeDoubles(dir.resolve("numpy_chi2_w1.npy"), new double[] {1.0, 2.0 * (1 + 1e-9)});
        Npy.writeDoubles(dir.resolve("numpy_trend_w2_p.npy"), new double[] {0.5, Double.NaN});
        var names = new ObjectMapper().readTree("[\"n_w1\", \"chi2_w1\", \"trend_w2_p\"]");
        String ok = VariabilityBenchmark.agreement(ours, dir, names);
        assertTrue(ok.startsWith("ok: 3 statistics, max rel. diff 1.0e-09 (chi2_w1)"), ok);
        // a statistic off in one source, NaN on one side only, or missing on ours: each a mismatch naming it
        Npy.writeDoubles(dir.resolve("numpy_n_w1.npy"), new double[] {10, 13});
        String off = VariabilityBenchmark.agreement(ours, dir, names);
        assertTrue(off.startsWith("mismatch: 3 statistics") && off.endsWith("(n_w1)"), off);
        Npy.writeDoubles(dir.resolve("numpy_n_w1.npy"), new double[] {10, 12});
        Npy.writeDoubles(dir.resolve("numpy_trend_w2_p.npy"), new double[] {0.5, 0.1});
        String nan = VariabilityBenchmark.agreement(ours, dir, names);
        assertTrue(nan.startsWith("mismatch: trend_w2_p of source 1"), nan);
        String missing = VariabilityBenchmark.agreement(ours, dir, new ObjectMapper().readTree("[\"eta_w1\"]"));
        assertTrue(missing.startsWith("mismatch: the toolkit has no column eta_w1"), missing);
        assertTrue(VariabilityBenchmark.agreement(ours, dir, new ObjectMapper().readTree("[]")).startsWith("mismatch"));
    }

    @Test
    void theDownloadBoundBindsOnlyWhereTheLatencyAllowsMoreRequests() {
        // 50 ms: one worker sends at most 20 requests in a second, two 40, eight 160; the bound is 40 + 3
        assertEquals(20, DownloadBenchmark.mostIn1s(1, 50));
        assertFalse(DownloadBenchmark.bindingAt(1, 50, 120, 43));
        assertFalse(DownloadBenchmark.bindingAt(2, 50, 120, 43));
        assertTrue(DownloadBenchmark.bindingAt(8, 50, 120, 43));
        assertTrue(DownloadBenchmark.bindingAt(1, 0, 120, 43));
        // a run of fewer requests than the bound cannot exceed it in any second, whatever the concurrency
        assertFalse(DownloadBenchmark.bindingAt(8, 50, 20, 43));
        assertEquals(34, DownloadBenchmark.mostIn1s(1, 30)); // ceil(1000 / 30)
    }
}
