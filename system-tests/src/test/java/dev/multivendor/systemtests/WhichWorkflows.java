package dev.multivendor.systemtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The workshop's "which pipelines would my change start?" command (lab 03): the files changed in this working tree
 * (or the paths given), and the workflows a push of them to main would start, by the same path-filter evaluation
 * {@link WorkflowTriggersTest} asserts. Test scope only.
 *
 * <p>{@code ./mvnw -q -pl system-tests test-compile exec:java@which-workflows -DskipTests [-Dpaths=a,b]}
 */
public final class WhichWorkflows {

    private WhichWorkflows() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("repo.root", ".")).toAbsolutePath().normalize();
        String given = System.getProperty("paths", "");
        List<String> changed = given.isBlank() ? changedFiles(root) : List.of(given.split("\\s*,\\s*"));
        lines(root, changed).forEach(System.out::println);
    }

    /** One line per changed path with the workflows it starts, then the union. */
    static List<String> lines(Path root, List<String> changed) {
        List<Workflow> workflows = Workflow.loadAll(root);
        List<String> out = new ArrayList<>();
        if (changed.isEmpty()) {
            out.add("no changed files: nothing would start (edit a file, or give -Dpaths=path,path)");
            return out;
        }
        TreeSet<String> all = new TreeSet<>();
        int width = changed.stream().mapToInt(String::length).max().orElse(0);
        out.add("a push to main of " + changed.size() + " changed file(s) would start:");
        for (String path : changed) {
            TreeSet<String> started = new TreeSet<>();
            workflows.stream().filter(w -> w.startsOnPush("main", List.of(path))).forEach(w -> started.add(w.id()));
            all.addAll(started);
            out.add("  " + path + " ".repeat(width - path.length()) + " -> "
                    + (started.isEmpty() ? "(none)" : String.join(", ", started)));
        }
        out.add("workflows started: " + (all.isEmpty() ? "(none)" : String.join(", ", all)));
        TreeSet<String> idle = new TreeSet<>();
        workflows.forEach(w -> idle.add(w.id()));
        idle.removeAll(all);
        out.add("workflows idle:    " + (idle.isEmpty() ? "(none)" : String.join(", ", idle)));
        return out;
    }

    /** Tracked files changed against HEAD and untracked files that are not ignored, as git reports them. */
    private static List<String> changedFiles(Path root) throws IOException, InterruptedException {
        TreeSet<String> files = new TreeSet<>();
        files.addAll(git(root, "diff", "--name-only", "HEAD"));
        files.addAll(git(root, "ls-files", "--others", "--exclude-standard"));
        return new ArrayList<>(files);
    }

    private static List<String> git(Path root, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
        }
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
