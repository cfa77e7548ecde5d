package org.tasni.io;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/**
 * The read path's snappy block decompression ({@link ParquetChunks#unsnappy}, aircompressor's pure-Java decompressor)
 * against snappy-java's native compressor (an independent implementation), and its refusal of corrupt blocks.
 */
class ParquetSnappyTest {

    @Test
    void readsWhatSnappyJavaWrites() throws Exception {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int size : new int[] {0, 1, 7, 60, 61, 300, 70_000, 1 << 20}) {
            for (int style = 0; style < 4; style++) {
                byte[] data = new byte[size];
                for (int i = 0; i < size; i++) {
                    data[i] = switch (style) {
                        case 0 -> (byte) rnd.nextInt(); // incompressible: literals
                        case 1 -> 0; // one byte repeated: copies longer than their offset of 1
                        case 2 -> (byte) (i % 3); // a short period
                        default -> (byte) (rnd.nextInt(10) == 0 ? rnd.nextInt() : (i / 1000) % 7 + i % 37); // a mix
                    };
                }
                byte[] compressed = Snappy.compress(data);
                byte[] back = ParquetChunks.unsnappy(ByteBuffer.wrap(compressed), 0, compressed.length, size);
                assertArrayEquals(data, back, "size " + size + ", style " + style);
                // at an offset in a larger array, as a page inside its column chunk
                byte[] framed = new byte[compressed.length + 20];
                System.arraycopy(compressed, 0, framed, 11, compressed.length);
                assertArrayEquals(data, ParquetChunks.unsnappy(ByteBuffer.wrap(framed), 11, compressed.length, size));
                // and outside the heap, as a page of a mapped chunk (copied to the thread's array first)
                ByteBuffer direct = ByteBuffer.allocateDirect(framed.length).put(framed);
                assertArrayEquals(data, ParquetChunks.unsnappy(direct, 11, compressed.length, size));
            }
        }
    }

    @Test
    void aCorruptOrTruncatedBlockIsAnErrorNotGarbage() throws Exception {
        byte[] data = new byte[5000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 17 + i / 500);
        }
        byte[] c = Snappy.compress(data);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ParquetChunks.unsnappy(ByteBuffer.wrap(c), 0, c.length / 2, data.length));
        assertTrue(e.getMessage().startsWith("corrupt snappy page ("), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> ParquetChunks.unsnappy(ByteBuffer.wrap(c), 0, c.length, data.length + 1));
        assertEquals("snappy page of 5000 bytes, its header says 5001", e.getMessage());
        // a preamble whose varint never ends
        byte[] endless = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        e = assertThrows(IllegalStateException.class, () -> ParquetChunks.unsnappy(ByteBuffer.wrap(endless), 0, endless.length, 10));
        assertTrue(e.getMessage().startsWith("corrupt snappy page ("), e.getMessage());
        byte[] bad = Arrays.copyOf(c, c.length);
        // a copy from before the start of the output
        bad[2] = (byte) 0b1111_1110;
        bad[3] = (byte) 0xFF;
        bad[4] = (byte) 0xFF;
        e = assertThrows(IllegalStateException.class, () -> ParquetChunks.unsnappy(ByteBuffer.wrap(bad), 0, bad.length, data.length));
        assertTrue(e.getMessage().startsWith("corrupt snappy page ("), e.getMessage());
    }
}
