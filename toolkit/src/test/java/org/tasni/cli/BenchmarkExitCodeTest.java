package org.tasni.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A benchmark command exits with 1 when a row disagrees or a run failed, after printing its table; else 0. */
class BenchmarkExitCodeTest {

    @Test
    void aMismatchOrAFailedPeerExitsWithOne() {
        assertEquals(0, BenchmarkOptions.exitCode(List.of("reference", "ok: same 3 orphans", "n/a: no peer ran",
                "peer not installed (no /usr/bin/stilts)"), List.of()));
        assertEquals(1, BenchmarkOptions.exitCode(List.of("reference", "mismatch: different orphans"), List.of("a", "b")));
        assertEquals(1, BenchmarkOptions.exitCode(List.of("peer failed: exit 1: boom"), List.of("DuckDB")));
        assertEquals(1, BenchmarkOptions.exitCode(List.of("failed: no match_s"), List.of()));
        assertEquals(0, BenchmarkOptions.exitCode(List.of(), List.of()));
    }
}
