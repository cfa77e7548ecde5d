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
 * libcuda.so.1) or no device; callers fall back to {@link CpuKernel}. The host computes query unit vectors and the
 * final separations, so the GPU returns the same matches as the CPU backend.
 */
final class GpuKernel implements AutoCloseable {

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

    /** Like {@link CpuKernel#nearest}, on the GPU. */
    void nearest(ZoneIndex idx, double[] ra, double[] dec, int[] rows, double radiusArcsec, int[] outRow, double[] outSep) {
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
        double[] qx = new double[n], qy = new double[n], qz = new double[n], qra = new double[n], qdec = new double[n];
        CpuKernel.Search host = new CpuKernel.Search(idx);
        for (int k = 0; k < n; k++) {
            int i = rows[k];
            host.setQuery(ra[i], dec[i]);
            qx[k] = host.qx;
            qy[k] = host.qy;
            qz[k] = host.qz;
            qra[k] = ra[i];
            qdec[k] = dec[i];
        }
        cuCtxSetCurrent(context);
        CUdeviceptr[] buffers = new CUdeviceptr[10];
        try {
            CUdeviceptr dqx = copy(qx, buffers, 0), dqy = copy(qy, buffers, 1), dqz = copy(qz, buffers, 2);
            CUdeviceptr dra = copy(qra, buffers, 3), ddec = copy(qdec, buffers, 4);
            CUdeviceptr dStart = copy(idx.zoneStart, buffers, 5), dKeys = copy(idx.raKey, buffers, 6);
            CUdeviceptr dXyz = copy(idx.xyz, buffers, 7);
            CUdeviceptr dRow = copy(idx.row, buffers, 8);
            CUdeviceptr dOut = alloc((long) n * Sizeof.INT, buffers, 9);
            Pointer params = Pointer.to(Pointer.to(new int[] {n}), Pointer.to(dqx), Pointer.to(dqy), Pointer.to(dqz),
                    Pointer.to(dra), Pointer.to(ddec), Pointer.to(new double[] {radiusArcsec / 3600.0}),
                    Pointer.to(new int[] {idx.nZones}), Pointer.to(new double[] {idx.zoneHeightDeg}), Pointer.to(dStart),
                    Pointer.to(dKeys), Pointer.to(dXyz), Pointer.to(dRow), Pointer.to(dOut));
            cuLaunchKernel(function, (n + BLOCK - 1) / BLOCK, 1, 1, BLOCK, 1, 1, 0, null, params, null);
            cuCtxSynchronize();
            int[] pos = new int[n];
            cuMemcpyDtoH(Pointer.to(pos), dOut, (long) n * Sizeof.INT);
            for (int k = 0; k < n; k++) {
                int i = rows[k];
                if (pos[k] < 0) {
                    outRow[i] = -1;
                    outSep[i] = Double.POSITIVE_INFINITY;
                } else {
                    host.setQuery(ra[i], dec[i]);
                    outRow[i] = idx.row[pos[k]];
                    outSep[i] = host.angleArcsec(pos[k]);
                }
            }
        } finally {
            for (CUdeviceptr b : buffers) {
                if (b != null) {
                    cuMemFree(b);
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
