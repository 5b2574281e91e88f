package dev.multivendor.rehearsal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The rehearsal's steps, each run with a deadline, and the table printed at the end: step, result, duration, detail.
 * A step that overruns its deadline is interrupted and reported as FAIL naming the step and the deadline; the
 * processes it started are killed by the code that started them (see {@link Processes}).
 */
public final class StepTable {

    public enum Result { PASS, FAIL, SKIP }

    public record Row(int number, String name, Result result, Duration duration, String detail) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final PrintStream log;

    public StepTable(PrintStream log) {
        this.log = log;
    }

    /** Runs {@code body} with a deadline; returns its detail text, or records FAIL and returns null. */
    public String run(String name, Duration deadline, Callable<String> body) {
        log.printf(Locale.ROOT, "rehearsal: step %d: %s ...%n", rows.size() + 1, name);
        long start = System.nanoTime();
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rehearsal-step");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<String> future = executor.submit(body);
            String detail = future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            add(name, Result.PASS, start, detail == null ? "" : detail);
            return detail == null ? "" : detail;
        } catch (TimeoutException e) {
            add(name, Result.FAIL, start, "did not finish within " + deadline.toSeconds() + " s (deadline of this step)");
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = cause instanceof StepFailure ? cause.getMessage()
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            add(name, Result.FAIL, start, message);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            add(name, Result.FAIL, start, "interrupted");
            return null;
        } finally {
            // Interrupts a step that overran: Processes kills the process tree it waits for.
            executor.shutdownNow();
        }
    }

    public void skip(String name, String reason) {
        rows.add(new Row(rows.size() + 1, name, Result.SKIP, Duration.ZERO, reason));
        log.printf(Locale.ROOT, "rehearsal: step %d: %s: SKIP (%s)%n", rows.size(), name, reason);
    }

    private void add(String name, Result result, long startNanos, String detail) {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        rows.add(new Row(rows.size() + 1, name, result, took, detail));
        log.printf(Locale.ROOT, "rehearsal: step %d: %s: %s in %.1f s%s%n", rows.size(), name, result,
                took.toMillis() / 1000.0, detail.isEmpty() ? "" : " (" + firstLine(detail) + ")");
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public boolean failed() {
        return rows.stream().anyMatch(r -> r.result() == Result.FAIL);
    }

    public Duration total() {
        return rows.stream().map(Row::duration).reduce(Duration.ZERO, Duration::plus);
    }

    public void print(PrintStream out) {
        int width = Math.max(4, rows.stream().mapToInt(r -> r.name().length()).max().orElse(4));
        String format = "%3s  %-" + width + "s  %-6s %8s  %s%n";
        out.printf(Locale.ROOT, format, "#", "step", "result", "time", "detail");
        for (Row r : rows) {
            out.printf(Locale.ROOT, format, r.number(), r.name(), r.result(),
                    String.format(Locale.ROOT, "%.1f s", r.duration().toMillis() / 1000.0), firstLine(r.detail()));
            r.detail().lines().skip(1).forEach(line -> out.printf(Locale.ROOT, format, "", "", "", "", line));
        }
        long failed = rows.stream().filter(r -> r.result() == Result.FAIL).count();
        out.printf(Locale.ROOT, "rehearsal: %s: %d step(s), %d failed, %d skipped, %.1f s%n",
                failed == 0 ? "PASSED" : "FAILED", rows.size(), failed,
                rows.stream().filter(r -> r.result() == Result.SKIP).count(), total().toMillis() / 1000.0);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
