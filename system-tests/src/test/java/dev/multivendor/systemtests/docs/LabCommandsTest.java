package dev.multivendor.systemtests.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every command a workshop lab tells the reader to run is one this repository supports, and the ones that need no
 * cloud account really run.
 *
 * <p>Shell blocks ({@code bash}) in {@code docs/labs/NN-slug/README.md} are checked command by command by
 * {@link LabCommand}. A block preceded by {@code <!-- lab-check: run -->} is also executed from the repository root,
 * by {@link LabBlocksIT}. Blocks that need an AWS account are marked {@code <!-- lab-check: needs-aws -->} and are
 * only checked here.
 */
class LabCommandsTest {

    private final Path root = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();

    @Test
    void everyLabStatesDurationPrerequisitesAndOutcomes() {
        List<String> missing = new ArrayList<>();
        for (Path lab : labs(root)) {
            String text = read(lab).toLowerCase(java.util.Locale.ROOT);
            for (String section : List.of("duration", "prerequisites", "outcomes")) {
                if (!text.contains("## " + section) && !text.contains("**" + section)) {
                    missing.add(root.relativize(lab) + " has no " + section);
                }
            }
        }
        assertTrue(labs(root).size() >= 6, "expected at least six labs, found " + labs(root));
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    @Test
    void everyLabCommandIsOneTheRepositorySupports() {
        LabCommand.Checker checker = new LabCommand.Checker(root);
        List<String> problems = new ArrayList<>();
        int commands = 0;
        for (Path lab : labs(root)) {
            for (Markdown.CodeBlock block : shellBlocks(lab)) {
                for (LabCommand command : LabCommand.split(block)) {
                    commands++;
                    String problem = checker.check(command, block.marker());
                    if (problem != null) {
                        problems.add(root.relativize(lab) + ":" + command.line() + ": `" + command.text() + "`: " + problem);
                    }
                }
            }
        }
        System.out.printf("labs: %d commands in %d labs checked, %d unsupported%n", commands, labs(root).size(),
                problems.size());
        assertTrue(commands >= 15, "suspiciously few lab commands: " + commands);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyLabStepSaysHowItIsCheckedAndWhatItPrints() {
        List<String> problems = new ArrayList<>();
        int steps = 0;
        int boxes = 0;
        for (Path file : labs(root)) {
            String lab = root.relativize(file).toString();
            Lab.Step open = null;
            for (Lab.Step step : Lab.read(file).steps()) {
                steps++;
                String at = lab + ":" + step.block().line() + ": ";
                if (step.kind() == null) {
                    problems.add(at + "no <!-- lab-check: run|build|server|break|restore|ci|needs-aws|skip \"why\" -->");
                    continue;
                }
                switch (step.kind()) {
                    case RUN, BREAK, RESTORE -> {
                        if (step.startsMaven()) {
                            problems.add(at + "starts ./mvnw: mark it build (the default build must not build itself)");
                        }
                    }
                    case SERVER -> {
                        if (step.ports().isEmpty()) {
                            problems.add(at + "a server step names the ports it listens on (port 8080)");
                        }
                    }
                    case SKIP -> {
                        if (step.skipReason() == null) {
                            problems.add(at + "skip says why: skip \"reason\"");
                        }
                    }
                    default -> {
                    }
                }
                if (step.kind() == Lab.Kind.BREAK) {
                    if (open != null) {
                        problems.add(at + "a second break before the restore of line " + open.block().line());
                    }
                    open = step;
                } else if (step.kind() == Lab.Kind.RESTORE) {
                    if (open == null) {
                        problems.add(at + "a restore step without a break step before it");
                    }
                    open = null;
                }
                boolean printsSomething = List.of(Lab.Kind.RUN, Lab.Kind.BUILD, Lab.Kind.SERVER).contains(step.kind());
                if (printsSomething && step.output() == null) {
                    problems.add(at + "no expected-output box after it (```text marked <!-- lab-check: output -->)");
                }
                if (step.output() != null) {
                    boxes++;
                    if (step.output().lines().size() > 16) {
                        problems.add(at + "its expected-output box has " + step.output().lines().size()
                                + " lines: keep it short (16 at most, … for what is left out)");
                    }
                }
            }
            if (open != null) {
                problems.add(lab + ":" + open.block().line() + ": break step without a restore step after it");
            }
            for (Markdown.CodeBlock orphan : Lab.orphanOutputBoxes(file)) {
                problems.add(lab + ":" + orphan.line() + ": an expected-output box that follows no shell block");
            }
        }
        System.out.printf("labs: %d steps, %d expected-output boxes, %d problems%n", steps, boxes, problems.size());
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyNumberedLabSectionEndsWithACheckpoint() {
        List<String> missing = new ArrayList<>();
        for (Path file : labs(root)) {
            List<String> lines = readLines(file);
            String section = null;
            boolean checkpoint = false;
            for (int i = 0; i <= lines.size(); i++) {
                String line = i < lines.size() ? lines.get(i) : "## end";
                if (line.startsWith("## ")) {
                    if (section != null && !checkpoint) {
                        missing.add(root.relativize(file) + ": \"" + section + "\" has no **Checkpoint**");
                    }
                    section = line.matches("## \\d+\\. .*") ? line : null;
                    checkpoint = false;
                } else if (line.startsWith("**Checkpoint**")) {
                    checkpoint = true;
                }
            }
        }
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    @Test
    void anExpectedOutputBoxMatchesInOrderWithEllipsesForWhatVaries() {
        String printed = "core-infra: 2 vendor(s) from core-infra/vendors.yaml in 5.2 s\n"
                + "  vendor-a  API vendor-a-api (lambda)\n  vendor-b  API vendor-b-api (http)\n";

        assertEquals(null, Lab.firstMissingLine(List.of("core-infra: 2 vendor(s) … in … s", "…",
                "  vendor-b  API vendor-b-api (http)"), printed));
        assertEquals("vendor-c", Lab.firstMissingLine(List.of("vendor-a", "vendor-c"), printed));
        assertEquals("vendor-a", Lab.firstMissingLine(List.of("vendor-b", "vendor-a"), printed), "order matters");
    }

    @Test
    void aCommandTheRepositoryDoesNotSupportIsReported() {
        LabCommand.Checker checker = new LabCommand.Checker(root);
        Markdown.CodeBlock block = Markdown.parse("```bash\n./mvnw -pl vendor-c-grpc -am verify\n"
                + "java -jar no-such-module/target/app.jar\nmake deploy\n```").codeBlocks().get(0);

        List<String> problems = LabCommand.split(block).stream().map(c -> checker.check(c, null)).toList();

        assertEquals(3, problems.stream().filter(p -> p != null).count(), problems.toString());
    }

    static List<Path> labs(Path root) {
        Path dir = root.resolve("docs/labs");
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> p.getFileName().toString().matches("\\d\\d-[a-z0-9-]+"))
                    .map(p -> p.resolve("README.md")).filter(Files::exists).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Markdown.CodeBlock> shellBlocks(Path lab) {
        return Markdown.read(lab).codeBlocks().stream()
                .filter(b -> List.of("bash", "sh", "shell").contains(b.language())).toList();
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
