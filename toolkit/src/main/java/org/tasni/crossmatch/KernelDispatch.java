package org.tasni.crossmatch;

import java.util.concurrent.ForkJoinPool;
import org.tasni.TasniException;

/**
 * The kernel a call runs on, chosen from the {@link Backend} asked for and the {@link MatchMode}, with the CPU pool
 * it owns. It never prints: what ran and why (a GPU fallback) is in {@link #note}, which goes into the report.
 */
final class KernelDispatch implements AutoCloseable {

    private final ForkJoinPool pool;
    private final MatchKernel kernel;
    /** The backend that runs (CPU after a fallback). */
    final Backend used;
    /** The device that runs, a fallback and its reason, or "". */
    final String note;

    private KernelDispatch(ForkJoinPool pool, MatchKernel kernel, Backend used, String note) {
        this.pool = pool;
        this.kernel = kernel;
        this.used = used;
        this.note = note;
    }

    /**
     * Opens the kernel. {@link Backend#GPU} without a usable GPU is a {@link TasniException}; {@link Backend#AUTO}
     * falls back to the CPU with a note. {@link MatchMode#ALL} runs on the CPU whatever the backend.
     *
     * @param threads the CPU pool's size (the index is built in it too)
     */
    static KernelDispatch open(Backend asked, MatchMode mode, int threads) {
        ForkJoinPool pool = new ForkJoinPool(threads);
        if (asked == Backend.CPU) {
            return new KernelDispatch(pool, new CpuKernel(pool), Backend.CPU, "");
        }
        if (mode == MatchMode.ALL) {
            return new KernelDispatch(pool, new CpuKernel(pool), Backend.CPU, "all-pairs mode runs on the CPU");
        }
        try {
            GpuKernel gpu = GpuKernel.open();
            return new KernelDispatch(pool, gpu, Backend.GPU, "GPU " + gpu.deviceName);
        } catch (GpuKernel.Unavailable u) {
            if (asked == Backend.GPU) {
                pool.shutdown();
                throw new TasniException("backend GPU: " + u.getMessage() + ". Use .backend(AUTO) (CLI: --backend auto)"
                        + " to fall back to the CPU.", u);
            }
            return new KernelDispatch(pool, new CpuKernel(pool), Backend.CPU,
                    "GPU unavailable (" + u.getMessage() + "); ran on the CPU");
        }
    }

    ForkJoinPool pool() {
        return pool;
    }

    MatchKernel kernel() {
        return kernel;
    }

    @Override
    public void close() {
        try {
            kernel.close();
        } finally {
            pool.shutdown();
        }
    }
}
