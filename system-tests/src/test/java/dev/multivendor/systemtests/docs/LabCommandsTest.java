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
        assertTrue(labs(root).size() >= 5, "expected at least five labs (four, plus the single-account one), found " + labs(root));
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

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
