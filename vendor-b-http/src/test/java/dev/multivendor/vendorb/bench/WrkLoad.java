package dev.multivendor.vendorb.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Load with Debian's {@code wrk} when it is on the PATH, parsing its {@code --latency} report. */
final class WrkLoad {

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([0-9.]+)(us|ms|s|m)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private WrkLoad() {
    }

    static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "wrk"))) {
                return true;
            }
        }
        return false;
    }

    static LoadResult run(String url, String postBody, int concurrency, Duration duration, RssSampler rss,
                          Path workDir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + concurrency,
                "-d" + duration.toSeconds() + "s", "--latency", "--timeout", "10s"));
        if (postBody != null) {
            Path script = workDir.resolve("post.lua");
            String escaped = postBody.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
            Files.writeString(script, "wrk.method = \"POST\"\nwrk.body = \"" + escaped + "\"\n"
                    + "wrk.headers[\"Content-Type\"] = \"application/json\"\n", StandardCharsets.UTF_8);
            command.add("-s");
            command.add(script.toString());
        }
        command.add(url);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                output.append(new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.append(e.getMessage());
            }
        });
        reader.start();
        while (wrk.isAlive()) {
            rss.sample();
            Thread.sleep(100);
        }
        reader.join();
        String report = output.toString();
        Matcher requests = REQUESTS.matcher(report);
        if (wrk.exitValue() != 0 || !requests.find()) {
            throw new IllegalStateException("wrk failed:\n" + report);
        }
        long errors = 0;
        Matcher non2xx = NON_2XX.matcher(report);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET_ERRORS.matcher(report);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        return new LoadResult("wrk", Long.parseLong(requests.group(1)), errors,
                toMillis(requests.group(2), requests.group(3)) / 1000, latency(report, "50%"), latency(report, "99%"),
                rss.peakKb());
    }

    private static double latency(String report, String percentile) {
        Matcher m = Pattern.compile("\\s" + percentile + "\\s+([0-9.]+)(us|ms|s|m)").matcher(report);
        return m.find() ? toMillis(m.group(1), m.group(2)) : Double.NaN;
    }

    private static double toMillis(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit) {
            case "us" -> v / 1000;
            case "ms" -> v;
            case "s" -> v * 1000;
            default -> v * 60_000;
        };
    }
}
