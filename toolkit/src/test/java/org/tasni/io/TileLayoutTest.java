package org.tasni.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TileLayoutTest {

    @Test
    void namesTheFilesOfADataDirectory() {
        Path data = Path.of("data");
        Path tiles = TileLayout.tilesDir(data);
        assertEquals(Path.of("data/tiles"), tiles);
        assertEquals(Path.of("data/tiles/wise_hp06044.parquet"), TileLayout.tileFile(tiles, TileLayout.WISE, 6044));
        assertEquals(Path.of("data/tiles/gaia_hp00007.parquet"), TileLayout.tileFile(tiles, TileLayout.GAIA, 7));
        assertEquals(Path.of("data/tiles/margin/gaia_hp12287.parquet"), TileLayout.marginFile(tiles, TileLayout.GAIA, 12287));
        assertEquals(Path.of("data/tiles/.parts/wise_o07_p96720.parquet"), TileLayout.partFile(tiles, "wise", 7, 96720));
        assertEquals(Path.of("data/tiles/download-journal.tsv"), TileLayout.journal(tiles));
        assertEquals(Path.of("data/tiles/gaia_download_summary.csv"), TileLayout.downloadSummary(tiles, "gaia"));
        assertEquals(Path.of("data/epochs-checkpoint"), TileLayout.checkpointsDir(data));
        assertEquals(Path.of("data/neowise_epochs.parquet"), TileLayout.DataFile.NEOWISE_EPOCHS.in(data));
    }

    @Test
    void namesTheFilesOfAnOutputDirectory() {
        Path out = Path.of("out");
        assertEquals(Path.of("out/orphans_hp06045.parquet"), TileLayout.orphansTile(out, 6045));
        assertEquals(Path.of("out/orphans_hp06045.run.json"), TileLayout.orphansRecord(out, 6045));
        List<String> expected = List.of("targets.parquet", "neowise_epochs.parquet", "neowise_truth.parquet",
                "orphans.parquet", "tiles_summary.csv", "candidates.parquet", "variability.parquet", "periodogram.parquet",
                "ranked.parquet", "ranked.csv", "report.html", "funnel.json", "pipeline_timing.json", "run.json");
        assertEquals(expected, java.util.Arrays.stream(TileLayout.DataFile.values()).map(TileLayout.DataFile::fileName).toList());
    }

    @Test
    void readsAPixelBackFromAFileName() {
        assertEquals(OptionalLong.of(6044), TileLayout.pixelOf("wise", Path.of("x/wise_hp06044.parquet")));
        assertEquals(OptionalLong.of(0), TileLayout.pixelOf("orphans", TileLayout.orphansTile(Path.of("o"), 0)));
        assertFalse(TileLayout.pixelOf("gaia", Path.of("wise_hp06044.parquet")).isPresent(), "another prefix");
        assertFalse(TileLayout.pixelOf("wise", Path.of("wise_hp6044.parquet")).isPresent(), "four digits");
        assertFalse(TileLayout.pixelOf("wise", Path.of("wise_hp06044.parquet.tmp")).isPresent());
        assertFalse(TileLayout.pixelOf("wise", Path.of("allwise_hp06044.parquet")).isPresent(), "a longer prefix");
        var part = TileLayout.partOf(TileLayout.partFile(Path.of("t"), "gaia", 9, 1234567)).orElseThrow();
        assertEquals(new TileLayout.Part("gaia", 9, 1234567), part);
        assertFalse(TileLayout.partOf(Path.of("gaia_hp00001.parquet")).isPresent());
    }

    @Test
    void listsTheTilesOfOnePrefixInPixelOrder(@TempDir Path dir) throws Exception {
        for (String f : List.of("wise_hp00010.parquet", "wise_hp00002.parquet", "gaia_hp00002.parquet", "notes.txt")) {
            Files.writeString(dir.resolve(f), "");
        }
        Files.createDirectories(TileLayout.marginDir(dir));
        Files.writeString(TileLayout.marginFile(dir, "wise", 3), "");
        var wise = TileLayout.list(dir, TileLayout.WISE);
        assertEquals(List.of(2L, 10L), List.copyOf(wise.keySet()));
        assertEquals(dir.resolve("wise_hp00002.parquet"), wise.get(2L));
        assertTrue(TileLayout.list(dir, "orphans").isEmpty());
    }
}
