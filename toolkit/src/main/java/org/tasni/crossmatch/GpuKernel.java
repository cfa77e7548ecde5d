package org.tasni.crossmatch;

import static jcuda.driver.JCudaDriver.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * The nearest-neighbour zone search as a CUDA kernel ({@code src/main/cuda/zone_nearest.cu}), run through JCuda's
 * driver API from PTX carried in the jar, so no nvcc is needed where it runs.
 *
 * <p>{@link #open()} fails with a one-line reason when there is no driver ({@code UnsatisfiedLinkError} for
 * libcuda.so.1) or no device; {@link KernelDispatch} then falls back to {@link CpuKernel} or refuses. The kernel is the
 * {@link ZoneWalk} and {@link NearestWalk} rules mirrored line for line; the host computes query unit vectors and the
 * final separations, so the GPU returns the same matches as the CPU backend.
 */
final class GpuKernel implements MatchKernel {

    private static final int BLOCK = 256;

    private final CUcontext context;
    private final CUfunction function;
    final String deviceName;

    private GpuKernel(CUcontext context, CUfunction function, String deviceName) {
        this.context = context;
        this.function = function;
        this.deviceName = deviceName;
    }

    /** Thrown with a one-line reason when the GPU cannot be used. */
    static final class Unavailable extends Exception {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static GpuKernel open() throws Unavailable {
        try {
            JCudaDriver.setExceptionsEnabled(true);
            cuInit(0);
            int[] count = new int[1];
            cuDeviceGetCount(count);
            if (count[0] == 0) {
                throw new Unavailable("no CUDA device found", null);
            }
            CUdevice device = new CUdevice();
            cuDeviceGet(device, 0);
            byte[] name = new byte[256];
            cuDeviceGetName(name, name.length, device);
            CUcontext ctx = new CUcontext();
            cuCtxCreate(ctx, 0, device);
            CUmodule module = new CUmodule();
            cuModuleLoadData(module, ptx());
            CUfunction fn = new CUfunction();
            cuModuleGetFunction(fn, module, "zone_nearest");
            return new GpuKernel(ctx, fn, new String(name, StandardCharsets.US_ASCII).trim().replace("\0", ""));
        } catch (Unavailable u) {
            throw u;
        } catch (UnsatisfiedLinkError e) {
            throw new Unavailable("no CUDA driver found (UnsatisfiedLinkError: " + firstLine(e.getMessage()) + ")", e);
        } catch (Throwable e) {
            throw new Unavailable("CUDA unavailable (" + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()) + ")", e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static String ptx() throws IOException {
        try (InputStream in = GpuKernel.class.getResourceAsStream("zone_nearest.ptx")) {
            if (in == null) {
                throw new IOException("zone_nearest.ptx is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII) + "\0";
        }
    }

    /** The nearest search of {@link CpuKernel#nearest}, one GPU thread per left row. */
    @Override
    public void nearest(ZoneIndex idx, double[] ra, double[] dec, int[] rows, double radiusArcsec, int[] outRow,
            double[] outSep) {
        int n = rows.length;
        if (n == 0) {
            return;
        }
        if (idx.size() == 0) {
            for (int i : rows) {
                outRow[i] = -1;
                outSep[i] = Double.POSITIVE_INFINITY;
            }
            return;
        }
        Queries q = Queries.of(idx, ra, dec, rows);
        cuCtxSetCurrent(context);
        CUdeviceptr[] buffers = new CUdeviceptr[11];
        try {
            CUdeviceptr dqx = copy(q.x, buffers, 0), dqy = copy(q.y, buffers, 1), dqz = copy(q.z, buffers, 2);
            CUdeviceptr dcos = copy(q.cosDec, buffers, 3), dra = copy(q.ra, buffers, 4), ddec = copy(q.dec, buffers, 5);
            CUdeviceptr dStart = copy(idx.zoneStart, buffers, 6), dKeys = copy(idx.raKey, buffers, 7);
            CUdeviceptr dXyz = copy(idx.xyz, buffers, 8);
            CUdeviceptr dRow = copy(idx.row, buffers, 9);
            CUdeviceptr dOut = alloc((long) n * Sizeof.INT, buffers, 10);
            // the parameters of zone_nearest, in its order
            Pointer params = Pointer.to(Pointer.to(new int[] {n}), Pointer.to(dqx), Pointer.to(dqy), Pointer.to(dqz),
                    Pointer.to(dcos), Pointer.to(dra), Pointer.to(ddec), Pointer.to(new double[] {radiusArcsec}),
                    Pointer.to(new int[] {idx.nZones}), Pointer.to(new double[] {idx.zoneHeightDeg}), Pointer.to(dStart),
                    Pointer.to(dKeys), Pointer.to(dXyz), Pointer.to(dRow), Pointer.to(dOut));
            cuLaunchKernel(function, (n + BLOCK - 1) / BLOCK, 1, 1, BLOCK, 1, 1, 0, null, params, null);
            cuCtxSynchronize();
            int[] pos = new int[n];
            cuMemcpyDtoH(Pointer.to(pos), dOut, (long) n * Sizeof.INT);
            q.finish(pos, outRow, outSep);
        } finally {
            for (CUdeviceptr b : buffers) {
                if (b != null) {
                    cuMemFree(b);
                }
            }
        }
    }

    /**
     * Not on the GPU: its output size is not known before the search. {@link KernelDispatch} runs
     * {@link MatchMode#ALL} on the {@link CpuKernel} and says so in the report's note.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public PairList within(ZoneIndex idx, double[] ra, double[] dec, int[] rows, double radiusArcsec) {
        throw new UnsupportedOperationException("all-pairs search runs on the CPU kernel");
    }

    /**
     * The host's side of the kernel: the queries as the device reads them (unit vector and cos δ from
     * {@link ZoneWalk#setQuery}, so both backends start from the same bits), and the results written back with the
     * separation recomputed on the host, so both backends report the same one.
     */
    static final class Queries {
        final double[] x, y, z, cosDec, ra, dec;
        private final ZoneIndex idx;
        private final int[] rows;
        private final NearestWalk host;

        private Queries(ZoneIndex idx, int[] rows, NearestWalk host, int n) {
            this.idx = idx;
            this.rows = rows;
            this.host = host;
            x = new double[n];
            y = new double[n];
            z = new double[n];
            cosDec = new double[n];
            ra = new double[n];
            dec = new double[n];
        }

        static Queries of(ZoneIndex idx, double[] ra, double[] dec, int[] rows) {
            Queries q = new Queries(idx, rows, new NearestWalk(idx), rows.length);
            for (int k = 0; k < rows.length; k++) {
                int i = rows[k];
                q.host.setQuery(ra[i], dec[i]);
                q.x[k] = q.host.qx;
                q.y[k] = q.host.qy;
                q.z[k] = q.host.qz;
                q.cosDec[k] = q.host.cosDec;
                q.ra[k] = ra[i];
                q.dec[k] = dec[i];
            }
            return q;
        }

        /** Writes query k's result at left row rows[k]: the right row of sorted position pos[k] (−1: none). */
        void finish(int[] pos, int[] outRow, double[] outSep) {
            for (int k = 0; k < rows.length; k++) {
                int i = rows[k];
                if (pos[k] < 0) {
                    outRow[i] = -1;
                    outSep[i] = Double.POSITIVE_INFINITY;
                } else {
                    host.setQuery(ra[k], dec[k]);
                    outRow[i] = idx.row[pos[k]];
                    outSep[i] = host.angleArcsec(pos[k]);
                }
            }
        }
    }

    private static CUdeviceptr alloc(long bytes, CUdeviceptr[] keep, int slot) {
        CUdeviceptr p = new CUdeviceptr();
        cuMemAlloc(p, Math.max(1, bytes));
        keep[slot] = p;
        return p;
    }

    private static CUdeviceptr copy(double[] a, CUdeviceptr[] keep, int slot) {
        CUdeviceptr p = alloc((long) a.length * Sizeof.DOUBLE, keep, slot);
        cuMemcpyHtoD(p, Pointer.to(a), (long) a.length * Sizeof.DOUBLE);
        return p;
    }

    private static CUdeviceptr copy(int[] a, CUdeviceptr[] keep, int slot) {
        CUdeviceptr p = alloc((long) a.length * Sizeof.INT, keep, slot);
        cuMemcpyHtoD(p, Pointer.to(a), (long) a.length * Sizeof.INT);
        return p;
    }

    private static CUdeviceptr copy(long[] a, CUdeviceptr[] keep, int slot) {
        CUdeviceptr p = alloc((long) a.length * Sizeof.LONG, keep, slot);
        cuMemcpyHtoD(p, Pointer.to(a), (long) a.length * Sizeof.LONG);
        return p;
    }

    @Override
    public void close() {
        cuCtxDestroy(context);
    }
}
