package org.tasni.crossmatch;

/** Where the crossmatch runs. */
public enum Backend {
    /** The zone search on the CPU, in parallel over {@code threads}. */
    CPU,
    /** The same zone search as a CUDA kernel through JCuda; an error if no CUDA driver or GPU is found. */
    GPU,
    /** The GPU when a CUDA driver and GPU are found, else the CPU (the report's note says why). */
    AUTO
}
