package dev.multivendor.rehearsal.gateway;

import dev.multivendor.rehearsal.gateway.LoadGenerator.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Requests, failures and latency percentiles per vendor and time window, as a printable table. */
public final class LoadReport {

    /** One row: a vendor in a window [fromNanos, toNanos). */
    public record Row(String vendor, String window, long requests, long failed, double p50Millis, double p99Millis) {
    }

    private LoadReport() {
    }

    public static Row row(List<Sample> samples, String vendor, String window, long fromNanos, long toNanos) {
        List<Long> latencies = new ArrayList<>();
        long requests = 0;
        long failed = 0;
        for (Sample s : samples) {
            if (s.vendor().equals(vendor) && s.sentNanos() >= fromNanos && s.sentNanos() < toNanos) {
                requests++;
                if (s.failure().isPresent()) {
                    failed++;
                }
                // A request never sent (the generator's in-flight cap) has no latency to count.
                if (s.status() > 0 || s.latencyNanos() > 0) {
                    latencies.add(s.latencyNanos());
                }
            }
        }
        latencies.sort(null);
        return new Row(vendor, window, requests, failed, percentile(latencies, 0.50), percentile(latencies, 0.99));
    }

    /** The nearest-rank percentile in milliseconds; 0 for no samples. */
    static double percentile(List<Long> sortedNanos, double p) {
        if (sortedNanos.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sortedNanos.size());
        return sortedNanos.get(Math.max(0, Math.min(sortedNanos.size() - 1, rank - 1))) / 1e6;
    }

    public static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-10s %-16s %9s %7s %9s %9s%n",
                "vendor", "window", "requests", "failed", "p50 ms", "p99 ms"));
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "%-10s %-16s %9d %7d %9.1f %9.1f%n", r.vendor(), r.window(),
                    r.requests(), r.failed(), r.p50Millis(), r.p99Millis()));
        }
        return out.toString();
    }
}
