package org.tasni.io;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The chunk buffer pool: a buffer given back serves a later chunk of its column that fits, and only such a one. */
class ChunkBuffersTest {

    @Test
    void reusesAGivenBufferForAChunkThatFitsAndNoOther() {
        ChunkBuffers pool = new ChunkBuffers(2);
        byte[] a = pool.take(0, 1000);
        assertTrue(a.length >= 1000);
        pool.give(0, a);
        // another column does not get it; this column's smaller chunk does
        assertNotSame(a, pool.take(1, 10));
        assertSame(a, pool.take(0, 900));
        // taken, it is not handed out twice
        assertNotSame(a, pool.take(0, 900));
        pool.give(0, a);
        // a chunk larger than every buffer given back gets a new one
        byte[] big = pool.take(0, a.length + 1);
        assertNotSame(a, big);
        assertTrue(big.length > a.length);
    }

    @Test
    void keepsTwoBuffersPerColumn() {
        ChunkBuffers pool = new ChunkBuffers(2);
        byte[] a = pool.take(0, 100), b = pool.take(0, 100), c = pool.take(0, 100);
        pool.give(0, a);
        pool.give(0, b);
        pool.give(0, c);
        byte[] x = pool.take(0, 100), y = pool.take(0, 100), z = pool.take(0, 100);
        assertSame(a, x);
        assertSame(b, y);
        assertNotSame(c, z);
    }

    @Test
    void mapsOnlyTheLargeChunksOfAFileOfOneRowGroup() {
        assertTrue(new ChunkBuffers(1).maps(ChunkBuffers.MAP_BYTES));
        assertFalse(new ChunkBuffers(1).maps(ChunkBuffers.MAP_BYTES - 1));
        // several groups reuse their buffers; a file the own reader did not take has none
        assertFalse(new ChunkBuffers(2).maps(ChunkBuffers.MAP_BYTES * 4));
        assertFalse(new ChunkBuffers(0).maps(ChunkBuffers.MAP_BYTES * 4));
    }
}
