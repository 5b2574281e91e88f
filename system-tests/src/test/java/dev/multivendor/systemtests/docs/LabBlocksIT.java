package dev.multivendor.systemtests.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the lab steps as a workshop participant would: with bash, from the repository root, in the order of the lab.
 *
 * <p>The default {@code verify} never builds the repository inside its own build: it runs the {@code run} steps
 * (built jars, files, git) against what the reactor already built, starts the {@code server} steps that need no
 * build on free ports, and checks each step's exit status, {@code expect} texts and expected-output box. Steps
 * that start {@code ./mvnw} ({@code build}) run only with {@code -Plabs} (system property {@code labs.build=true}),
 * which CI runs as a job of its own; without it they are reported as skipped, naming the profile.
 *
 * <p>Every "change this and watch it fail" edit ({@code break}) is tested in a clone, never in this working tree:
 * the edit must change tracked files and its {@code restore} step must leave {@code git status} clean; with
 * {@code -Plabs} the steps between them also run there (a failing build must fail). The trainer's reset command is
 * tested the same way on a dirty clone with a server running.
 */
class LabBlocksIT {

    private static final boolean BUILDS = Boolean.getBoolean("labs.build");
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration SERVER_START = Duration.ofMinutes(2);
    private static final String WHY_SKIPPED = "starts ./mvnw: the default build does not build the repository inside"
            + " itself; run with -Plabs (./mvnw -pl system-tests verify -Plabs) to run it";

    private final Path root = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();

    @TestFactory
    Stream<DynamicNode> everyLabStepRunsAsAParticipantWouldRunIt() {
        List<DynamicNode> labs = new ArrayList<>();
        int runnable = 0;
        for (Path file : LabCommandsTest.labs(root)) {
            Lab lab = Lab.read(file);
            Session session = new Session(root);
            List<DynamicNode> steps = new ArrayList<>();
            boolean broken = false;
            for (Lab.Step step : lab.steps()) {
                String name = root.relativize(file) + ":" + step.block().line() + " (" + kindName(step) + ")";
                if (step.kind() == Lab.Kind.BREAK) {
                    broken = true;
                }
                boolean inBreak = broken;
                if (step.kind() == Lab.Kind.RESTORE) {
                    broken = false;
                }
                if (step.kind() == Lab.Kind.RUN || step.kind() == Lab.Kind.SERVER) {
                    runnable++;
                }
                steps.add(DynamicTest.dynamicTest(name, () -> {
                    assumeTrue(!inBreak && step.kind() != Lab.Kind.RESTORE,
                            "between a break and its restore: run in a clone by everyBreakStepIsUndoneByItsRestoreStep");
                    session.perform(name, step);
                }));
            }
            steps.add(DynamicTest.dynamicTest(root.relativize(file) + ": servers stopped", session::close));
            labs.add(DynamicContainer.dynamicContainer(root.relativize(file).toString(), steps));
        }
        assertTrue(runnable >= 5, "expected lab steps the default build runs, found " + runnable);
        return labs.stream();
    }

    @TestFactory
    Stream<DynamicNode> everyBreakStepIsUndoneByItsRestoreStep() {
        List<DynamicNode> tests = new ArrayList<>();
        for (Path file : LabCommandsTest.labs(root)) {
            List<Lab.Step> steps = Lab.read(file).steps();
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).kind() != Lab.Kind.BREAK) {
                    continue;
                }
                int restore = i + 1;
                while (restore < steps.size() && steps.get(restore).kind() != Lab.Kind.RESTORE) {
                    restore++;
                }
                List<Lab.Step> exercise = steps.subList(i, Math.min(restore + 1, steps.size()));
                String name = root.relativize(file) + ":" + steps.get(i).block().line() + " break, then restore";
                tests.add(DynamicTest.dynamicTest(name, () -> breakAndRestoreInAClone(name, exercise)));
            }
        }
        assertTrue(tests.size() >= 2, "expected break-and-restore exercises in the labs, found " + tests.size());
        return tests.stream();
    }

    private void breakAndRestoreInAClone(String name, List<Lab.Step> exercise) throws Exception {
        assertEquals(Lab.Kind.RESTORE, exercise.get(exercise.size() - 1).kind(), name + " has no restore step");
        Path clone = Clones.ofWorkingTree(root);
        try (Session session = new Session(clone)) {
            if (BUILDS) {
                // What a participant's clone has from lab 01: the policy engine and the lab commands compiled
                // (the other modules come from the local Maven repository the -Plabs job installed).
                Session.Outcome setup = session.bash("./mvnw -q -pl core-infra process-test-resources"
                        + " && ./mvnw -q -pl system-tests test-compile -DskipTests", Map.of(), BUILD_TIMEOUT);
                assertEquals(0, setup.exit(), name + ": preparing the clone failed:\n" + tail(setup.output()));
            }
            session.perform(name + " break", exercise.get(0));
            assertFalse(Clones.status(clone).isEmpty(), name + ": the break step changed no tracked file");
            for (Lab.Step step : exercise.subList(1, exercise.size() - 1)) {
                if (BUILDS || step.kind() == Lab.Kind.RUN) {
                    session.perform(name + " line " + step.block().line(), step);
                }
            }
            session.perform(name + " restore", exercise.get(exercise.size() - 1));
            assertEquals("", Clones.status(clone), name + ": git status after the restore step");
        } finally {
            Clones.delete(clone);
        }
    }

    @Test
    void theTrainersResetReturnsADirtyCloneWithARunningServerToACleanOne() throws Exception {
        Path clone = Clones.ofWorkingTree(root);
        Process server = null;
        try {
            Files.writeString(clone.resolve("README.md"), "\nedited during a lab\n", java.nio.file.StandardOpenOption.APPEND);
            Files.writeString(clone.resolve("core-infra/vendors.yaml"), "# staged edit\n", java.nio.file.StandardOpenOption.APPEND);
            Clones.git(clone, "add", "core-infra/vendors.yaml");
            Files.delete(clone.resolve("docs/labs/02-onboard-a-third-vendor/vendor-c.yaml"));
            Files.createDirectories(clone.resolve("core-infra/target/classes"));
            Files.createDirectories(clone.resolve("core-infra/cdktf.out/stacks/core"));
            Files.writeString(clone.resolve("notes.txt"), "untracked\n");
            Files.createDirectories(clone.resolve(".idea"));
            int port = freePort();
            server = startPortHolder(clone, port);
            assertFalse(Clones.status(clone).isEmpty());

            Session.Outcome reset = new Session(clone).bash("docs/labs/reset.sh", Map.of("LAB_PORTS", String.valueOf(port)),
                    RUN_TIMEOUT);

            assertEquals(0, reset.exit(), "reset failed:\n" + reset.output());
            assertEquals("", Clones.status(clone), "git status after the reset");
            assertFalse(Files.exists(clone.resolve("core-infra/target")), "target/ removed");
            assertFalse(Files.exists(clone.resolve("core-infra/cdktf.out")), "cdktf.out/ removed");
            assertFalse(Files.exists(clone.resolve("notes.txt")), "untracked files removed");
            assertTrue(Files.exists(clone.resolve(".idea")), "IDE settings kept");
            assertTrue(server.waitFor(20, TimeUnit.SECONDS), "the server on port " + port + " was stopped:\n" + reset.output());
            assertTrue(reset.output().contains("stopped the server on port " + port), reset.output());
            assertTrue(reset.output().contains("git status: clean"), reset.output());
        } finally {
            if (server != null) {
                server.destroyForcibly();
            }
            Clones.delete(clone);
        }
    }

    /** A java process in the clone that listens on a port, as a lab server would. */
    private static Process startPortHolder(Path clone, int port) throws Exception {
        Path source = Files.createTempDirectory("port-holder").resolve("PortHolder.java");
        Files.writeString(source, "public class PortHolder { public static void main(String[] a) throws Exception {"
                + " try (java.net.ServerSocket s = new java.net.ServerSocket(Integer.parseInt(a[0]), 50,"
                + " java.net.InetAddress.getLoopbackAddress())) { while (true) { s.accept().close(); } } } }");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, source.toString(), String.valueOf(port)).directory(clone.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Session.awaitPort(p, port, Duration.ofSeconds(60), "port holder");
        return p;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String kindName(Lab.Step step) {
        return step.kind() == null ? "unmarked" : step.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The steps of one lab run in one directory: servers it started, lab ports mapped to free ones. */
    static final class Session implements AutoCloseable {

        record Outcome(int exit, String output, boolean finished) {
        }

        private final Path dir;
        /** Lab port -> the port this session uses for it (a free one when the command names the port). */
        private final Map<Integer, Integer> ports = new LinkedHashMap<>();
        /** Lab port -> the server listening on it. */
        private final Map<Integer, Process> servers = new LinkedHashMap<>();
        /** Lab ports of server steps that were skipped: steps calling them are skipped too. */
        private final Map<Integer, String> skippedServers = new LinkedHashMap<>();

        Session(Path dir) {
            this.dir = dir;
        }

        void perform(String name, Lab.Step step) throws Exception {
            assertTrue(step.kind() != null, name + " has no lab-check marker (LabCommandsTest lists the kinds)");
            switch (step.kind()) {
                case CI -> assumeTrue(false, "the pre-work build: what CI runs (.ci/run)");
                case NEEDS_AWS -> assumeTrue(false, "needs an AWS account: checked by LabCommandsTest, never run");
                case SKIP -> assumeTrue(false, step.skipReason());
                case BUILD -> {
                    assumeTrue(BUILDS, WHY_SKIPPED);
                    check(name, step, bash(withPorts(step.script()), Map.of(), BUILD_TIMEOUT));
                }
                case SERVER -> startServer(name, step);
                case RUN, BREAK, RESTORE -> {
                    for (Map.Entry<Integer, String> skipped : skippedServers.entrySet()) {
                        assumeTrue(!step.script().matches("(?s).*(?<![0-9])" + skipped.getKey() + "(?![0-9]).*"),
                                "calls the server on port " + skipped.getKey() + ", which was skipped: " + skipped.getValue());
                    }
                    assertTrue(!step.startsMaven(), name + " is not marked build but starts ./mvnw");
                    check(name, step, bash(withPorts(step.script()), Map.of(), RUN_TIMEOUT));
                }
            }
        }

        private void startServer(String name, Lab.Step step) throws Exception {
            for (int port : step.ports()) {
                Process previous = servers.remove(port);
                if (previous != null) {
                    stop(previous);
                }
                skippedServers.remove(port);
            }
            if (!BUILDS && step.startsMaven()) {
                step.ports().forEach(port -> skippedServers.put(port, WHY_SKIPPED));
                assumeTrue(false, WHY_SKIPPED);
            }
            for (int port : step.ports()) {
                // A port the command names is moved to a free one; one the command does not name (a Maven
                // profile's configuration) is used as it is.
                boolean named = step.script().matches("(?s).*(?<![0-9])" + port + "(?![0-9]).*");
                ports.put(port, named ? freePort() : port);
            }
            Path log = Files.createTempFile("lab-server", ".log");
            ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", "exec " + withPorts(step.script()))
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
            Process p = builder.start();
            step.ports().forEach(port -> servers.put(port, p));
            for (int port : step.ports()) {
                awaitPort(p, ports.get(port), SERVER_START, name + " (log " + log + ")");
            }
            // Give the server's start-up lines a moment to be written before they are checked.
            Thread.sleep(500);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            for (String expect : step.expects()) {
                assertTrue(output.contains(withPorts(expect)), name + ": server output lacks \"" + withPorts(expect)
                        + "\":\n" + tail(output));
            }
            if (step.output() != null) {
                assertNull(Lab.firstMissingLine(step.output().lines().stream().map(this::withPorts).toList(), output),
                        name + ": expected-output box line not in the server's output:\n" + tail(output));
            }
        }

        static void awaitPort(Process p, int port, Duration timeout, String what) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                assertTrue(p.isAlive(), what + " exited with " + (p.isAlive() ? "" : p.exitValue()) + " before listening on " + port);
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return;
                } catch (IOException notYet) {
                    Thread.sleep(250);
                }
            }
            throw new AssertionError(what + " did not listen on port " + port + " within " + timeout);
        }

        /** The lab's ports (8080, 8089) replaced by the free ones this session uses. */
        private String withPorts(String script) {
            String s = script;
            for (Map.Entry<Integer, Integer> e : ports.entrySet()) {
                s = s.replaceAll("(?<![0-9])" + e.getKey() + "(?![0-9])", String.valueOf(e.getValue()));
            }
            return s;
        }

        private void check(String name, Lab.Step step, Outcome outcome) {
            String output = outcome.output();
            assertTrue(outcome.finished(), name + " did not finish:\n" + tail(output));
            if (step.fails()) {
                assertNotEquals(0, outcome.exit(), name + " is meant to fail but exited 0:\n" + tail(output));
            } else {
                assertEquals(0, outcome.exit(), name + " failed:\n" + tail(output));
            }
            for (String expect : step.expects()) {
                assertTrue(output.contains(withPorts(expect)), name + ": output lacks \"" + withPorts(expect) + "\":\n"
                        + tail(output));
            }
            if (step.output() != null) {
                String missing = Lab.firstMissingLine(step.output().lines().stream().map(this::withPorts).toList(), output);
                assertNull(missing, name + ": the expected-output box (line " + step.output().line()
                        + ") has a line the command did not print: \"" + missing + "\"; it printed:\n" + tail(output));
            }
        }

        Outcome bash(String script, Map<String, String> env, Duration timeout) throws Exception {
            Path log = Files.createTempFile("lab-block", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
                builder.environment().put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
                builder.environment().putAll(env);
                Process process = builder.start();
                boolean finished = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
                if (!finished) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
                String output = Files.readString(log, StandardCharsets.UTF_8);
                return new Outcome(finished ? process.exitValue() : -1, output, finished);
            } finally {
                Files.deleteIfExists(log);
            }
        }

        @Override
        public void close() {
            new java.util.LinkedHashSet<>(servers.values()).forEach(Session::stop);
            servers.clear();
        }

        private static void stop(Process p) {
            List<ProcessHandle> children = p.descendants().toList();
            children.forEach(ProcessHandle::destroy);
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    children.forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Throwaway clones of this repository: HEAD plus the working tree's uncommitted changes. */
    static final class Clones {

        static Path ofWorkingTree(Path root) throws Exception {
            Path dir = Files.createTempDirectory("lab-clone");
            Path clone = dir.resolve("repo");
            git(dir, "clone", "-q", "--no-hardlinks", root.toString(), clone.toString());
            // The lab text and files under test may not be committed yet: carry the working tree's changes over
            // and commit them in the clone, so the clone's "clean" is this working tree.
            for (String file : lines(git(root, "ls-files", "-m", "-o", "--exclude-standard"))) {
                Path from = root.resolve(file);
                Path to = clone.resolve(file);
                if (Files.isRegularFile(from)) {
                    Files.createDirectories(to.getParent());
                    Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            for (String file : lines(git(root, "ls-files", "-d"))) {
                Files.deleteIfExists(clone.resolve(file));
            }
            git(clone, "add", "-A");
            if (!status(clone).isEmpty()) {
                git(clone, "-c", "user.name=lab-check", "-c", "user.email=lab-check@localhost", "commit", "-q",
                        "-m", "working tree under test");
            }
            return clone;
        }

        static String status(Path repo) throws Exception {
            return git(repo, "status", "--porcelain").strip();
        }

        static String git(Path dir, String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of("git"));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "git " + command + " failed: " + out);
            return out;
        }

        private static List<String> lines(String text) {
            return text.lines().filter(l -> !l.isBlank()).toList();
        }

        static void delete(Path clone) {
            try (Stream<Path> walk = Files.walk(clone.getParent())) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String tail(String output) {
        return output.length() <= 4000 ? output : "…" + output.substring(output.length() - 4000);
    }
}
