package org.tasni.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tasni.TasniException;

/**
 * NumPy's .npy format (version 1.0) for one-dimensional float64 and bool arrays: how positions reach the Python peers
 * with no Parquet reader on their side (Debian has no pyarrow). Written by hand: the format is a 10-byte preamble, a
 * Python-literal header padded to 64 bytes, then raw little-endian data.
 */
final class Npy {

    private Npy() {}

    /** A float64 array of the given shape (row-major), e.g. {sources, epochs}. */
    static void writeDoubles(Path p, double[] a, int... shape) throws IOException {
        byte[] header = header("<f8", shape.length == 0 ? new int[] {a.length} : shape);
        ByteBuffer b = ByteBuffer.allocate(header.length + 8 * a.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(header);
        for (double v : a) {
            b.putDouble(v);
        }
        Files.write(p, b.array());
    }

    /** A float32 array of the given shape (row-major). */
    static void writeFloats(Path p, float[] a, int... shape) throws IOException {
        byte[] header = header("<f4", shape);
        ByteBuffer b = ByteBuffer.allocate(header.length + 4 * a.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(header);
        for (float v : a) {
            b.putFloat(v);
        }
        Files.write(p, b.array());
    }

    /** Reads a one-dimensional float64 array. */
    static double[] readDoubles(Path p) throws IOException {
        byte[] all = Files.readAllBytes(p);
        int hlen = (all[8] & 0xff) | (all[9] & 0xff) << 8;
        String h = new String(all, 10, hlen, StandardCharsets.US_ASCII);
        if (!h.contains("'<f8'")) {
            throw new TasniException(p + ": expected a float64 array, header " + h.trim());
        }
        ByteBuffer b = ByteBuffer.wrap(all, 10 + hlen, all.length - 10 - hlen).order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[(all.length - 10 - hlen) / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getDouble();
        }
        return out;
    }

    private static byte[] header(String descr, int... shape) {
        StringBuilder sh = new StringBuilder();
        for (int s : shape) {
            sh.append(s).append(shape.length == 1 ? "," : ", ");
        }
        String dims = shape.length == 1 ? sh.toString() : sh.substring(0, sh.length() - 2);
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }";
        int len = dict.length() + 1;
        int pad = (64 - (10 + len) % 64) % 64;
        String h = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + h.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) h.length()).put(h.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** Reads a one-dimensional bool array. */
    static boolean[] readBools(Path p) throws IOException {
        byte[] all = Files.readAllBytes(p);
        if (all.length < 10 || (all[0] & 0xff) != 0x93) {
            throw new TasniException(p + ": not a .npy file.");
        }
        int hlen = (all[8] & 0xff) | (all[9] & 0xff) << 8;
        String h = new String(all, 10, hlen, StandardCharsets.US_ASCII);
        if (!h.contains("'|b1'")) {
            throw new TasniException(p + ": expected a bool array, header " + h.trim());
        }
        boolean[] out = new boolean[all.length - 10 - hlen];
        for (int i = 0; i < out.length; i++) {
            out[i] = all[10 + hlen + i] != 0;
        }
        return out;
    }
}
