package dev.multivendor.rehearsal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Every process the rehearsal starts goes through here: commands run with a deadline and their output appended to
 * a log file; on a deadline, an interrupt or JVM exit the whole process tree is killed (a terraform's provider
 * plugins, a pyenv shim's python). Long-running servers are registered and stopped by {@link #stopAll()}, which
 * also runs from a shutdown hook.
 */
public final class Processes {

    public record Result(int exit, String output) {
    }

    private static final List<Process> RUNNING = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Processes::stopAll, "rehearsal-process-cleanup"));
    }

    private Processes() {
    }

    /**
     * Runs {@code command} in {@code dir} with exactly {@code env} added to a cleaned environment, output appended
     * to {@code log}; returns the exit code and this run's output. Throws StepFailure when the deadline passes.
     */
    public static Result run(String what, List<String> command, Path dir, Map<String, String> env, Duration deadline,
                             Path log) {
        try {
            Files.createDirectories(log.getParent());
            long offset = Files.exists(log) ? Files.size(log) : 0;
            Files.writeString(log, "\n$ " + String.join(" ", command) + "   (in " + dir + ")\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile()));
            clean(pb.environment());
            pb.environment().putAll(env);
            Process p = pb.start();
            RUNNING.add(p);
            try {
                if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                    killTree(p);
                    throw new StepFailure(what + ": no answer within " + deadline.toSeconds() + " s, killed `"
                            + String.join(" ", command.subList(0, Math.min(3, command.size()))) + "` and its children; "
                            + "log " + log + "\n" + tail(read(log, offset), 15));
                }
            } catch (InterruptedException e) {
                killTree(p);
                Thread.currentThread().interrupt();
                throw new StepFailure(what + ": interrupted (step deadline); killed " + command.get(0));
            } finally {
                RUNNING.remove(p);
            }
            return new Result(p.exitValue(), read(log, offset));
        } catch (IOException e) {
            throw new StepFailure(what + ": cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** The same, failing unless the exit code is 0. */
    public static String runOk(String what, List<String> command, Path dir, Map<String, String> env,
                               Duration deadline, Path log) {
        Result r = run(what, command, dir, env, deadline, log);
        if (r.exit() != 0) {
            throw new StepFailure(what + ": `" + String.join(" ", command.subList(0, Math.min(3, command.size())))
                    + "` exited " + r.exit() + "; log " + log + "\n" + tail(r.output(), 15));
        }
        return r.output();
    }

    /** Starts a long-running server; it is stopped by {@link #stop(Process)} or {@link #stopAll()}. */
    public static Process startServer(List<String> command, Path dir, Map<String, String> env, Path log)
            throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullFile()));
        clean(pb.environment());
        pb.environment().putAll(env);
        Process p = pb.start();
        RUNNING.add(p);
        return p;
    }

    public static void stop(Process p) {
        killTree(p);
        RUNNING.remove(p);
    }

    /** Stops every process still running (servers, and commands of a step that was abandoned). */
    public static void stopAll() {
        for (Process p : new ArrayList<>(RUNNING)) {
            stop(p);
        }
    }

    /** Processes started and not yet stopped: the rehearsal checks this is empty at the end. */
    public static int running() {
        return (int) RUNNING.stream().filter(Process::isAlive).count();
    }

    static void killTree(Process p) {
        // Children first (they would be re-parented, not killed, when the parent dies), gently then forcibly.
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.add(p.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * A predictable environment: no AWS profile, keys or endpoints of the user's own leak into a rehearsal (it must
     * never reach a real account), no CI state settings that would select a remote backend.
     */
    private static void clean(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("TF_") || k.startsWith("MOTO_")
                || k.endsWith("_STATE_BUCKET") || k.endsWith("_STATE_LOCK_TABLE") || k.endsWith("_STATE_KEY")
                || k.equals("CORE_VENDORS_FILE") || k.equals("CDKTF_OUTDIR") || k.startsWith("VENDOR_A_"));
        env.put("AWS_EC2_METADATA_DISABLED", "true");
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String read(Path log, long offset) throws IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(offset, all.length), (int) (all.length - Math.min(offset, all.length)),
                StandardCharsets.UTF_8);
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().filter(l -> !l.isBlank()).toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Whether an executable is on the PATH (for the skip messages). */
    public static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
