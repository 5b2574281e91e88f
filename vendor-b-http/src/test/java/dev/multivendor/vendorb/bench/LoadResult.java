package dev.multivendor.vendorb.bench;

/** What one bounded load run measured. */
record LoadResult(String tool, long requests, long errors, double seconds, double p50Millis, double p99Millis,
                  long peakRssKb) {

    double throughput() {
        return requests / seconds;
    }
}
