package org.tasni.cli;

import org.tasni.io.TileLayout;

/** Parses tile lists of the nside-32 tiling: {@code A-B} (inclusive), {@code a,b,c}, or a mix such as {@code 1,5-8}. */
final class TileList {

    private TileList() {}

    /** {@link TileLayout#parseTiles}: the notebook's {@code Pipeline.tiles(String)} reads the same words. */
    static long[] parse(String value) {
        return TileLayout.parseTiles(value);
    }
}
