package dev.multivendor.coreinfra;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Peak resident memory of this JVM and of its child processes (the jsii node runtime), from Linux's
 * /proc/PID/status VmHWM. Used by the benchmark; prints "unavailable" where /proc does not exist.
 */
final class ResourceUsage {

    private ResourceUsage() {
    }

    /**
     * One machine-readable line the benchmark parses:
     * {@code resources jvmPeakKb=N childPeakKb=N cpuMs=N} (CPU: user+system of the JVM and its children so far).
     */
    static void print(PrintStream out) {
        long jvm = peakKb(ProcessHandle.current().pid());
        long children = ProcessHandle.current().descendants().mapToLong(p -> Math.max(0, peakKb(p.pid()))).sum();
        long cpuMs = cpuMs(ProcessHandle.current().pid())
                + ProcessHandle.current().descendants().mapToLong(p -> Math.max(0, cpuMs(p.pid()))).sum();
        out.printf(Locale.ROOT, "resources jvmPeakKb=%d childPeakKb=%d cpuMs=%d%n", jvm, children, cpuMs);
    }

    /** utime + stime from /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s on Linux). */
    static long cpuMs(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long peakKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
