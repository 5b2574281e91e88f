package dev.multivendor.vendorb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's resident set size from /proc (Linux); reports -1 elsewhere. */
final class RssSampler {

    private final long pid;
    private long peakKb = -1;

    RssSampler(long pid) {
        this.pid = pid;
    }

    long currentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    void sample() {
        peakKb = Math.max(peakKb, currentKb());
    }

    long peakKb() {
        sample();
        return peakKb;
    }
}
