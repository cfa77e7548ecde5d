package org.tasni.sky;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The margin's fine order, worked out by hand from the pixel widths √(41253 deg² / 12·4^k). */
class TileMarginTest {

    @Test
    void theFineOrderIsTheFinestWhosePixelsAreFourMarginsWide() {
        // order 9: 412.3″ ≥ 4 × 60″; order 10: 206.1″ < 240″
        assertEquals(9, TileMargin.fineOrder(60));
        // order 12: 51.5″ ≥ 40″; order 13: 25.8″ < 40″
        assertEquals(12, TileMargin.fineOrder(10));
        // order 9 needs ≤ 103″: 103.1″ still fits, 104″ does not
        assertEquals(9, TileMargin.fineOrder(103));
        assertEquals(8, TileMargin.fineOrder(104));
    }

    @Test
    void aRowJustOutsideATileIsInItsMarginAndOneFarAwayIsNot() {
        Healpix tiles = Healpix.nside(32);
        long tile = 6045;
        double[][] corners = tiles.corners(tile);
        double[] centre = tiles.pix2ang(tile);
        // 30″ beyond the tile's north corner, along the line from the centre
        double[] n = corners[0];
        double sep = SkyMath.separationDeg(centre[0], centre[1], n[0], n[1]);
        double f = (sep + 30.0 / 3600) / sep;
        double ra = centre[0] + (n[0] - centre[0]) * f, dec = centre[1] + (n[1] - centre[1]) * f;
        assertNotEquals(tile, tiles.ang2pix(ra, dec));
        assertTrue(new TileMargin(tile, 60).contains(ra, dec));
        assertFalse(new TileMargin(tile, 60).contains(centre[0] + 5, centre[1]));
    }
}
