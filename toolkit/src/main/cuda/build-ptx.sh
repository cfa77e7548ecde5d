#!/usr/bin/env bash
# Regenerates the PTX that the jar carries (src/main/resources/org/tasni/crossmatch/zone_nearest.ptx), so that a
# machine without nvcc can run the GPU backend. Needs nvcc (any CUDA 12 or 13).
#
# nvcc 13 writes ".version 9.0", which only CUDA 13 drivers accept. The kernel uses nothing newer than PTX ISA 7.0,
# so the header is lowered to 7.0 (CUDA 11.0): the driver JIT-compiles it for any GPU from sm_75 (Turing) on, under
# CUDA 11, 12 and 13 drivers alike.
set -euo pipefail
cd "$(dirname "$0")"
out=../resources/org/tasni/crossmatch/zone_nearest.ptx
nvcc -ptx -arch=compute_75 -fmad=false -O3 -o "$out" zone_nearest.cu
sed -i -E 's/^\.version [0-9]+\.[0-9]+/.version 7.0/' "$out"
grep -m2 -E '^\.(version|target)' "$out"
