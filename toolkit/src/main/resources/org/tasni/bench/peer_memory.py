"""The peak memory a Python peer of the TASNI benchmarks reports with its figures (shared by the peer scripts)."""
import resource


def peak_mb():
    """This process's peak RSS, MiB: VmHWM, not ru_maxrss, which keeps the JVM's peak across the exec that started us."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
