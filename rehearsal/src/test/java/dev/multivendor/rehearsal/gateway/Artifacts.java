package dev.multivendor.rehearsal.gateway;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The packaged artifacts the rehearsal runs, exactly as the vendors' pipelines ship them: first from
 * {@code rehearsal.artifacts} (where this module's build copies them), else from the sibling modules'
 * {@code target/} folders. A test that needs a missing one is skipped with the command that builds it.
 */
final class Artifacts {

    private Artifacts() {
    }

    /** Vendor A's function jar (the shaded {@code aws} jar Lambda runs). */
    static Path vendorAFunction() {
        return find("vendor-a-lambda-aws.jar", "vendor-a-lambda", "vendor-a-lambda-*-aws.jar");
    }

    /** Vendor B's runnable service jar (the shaded jar its image runs). */
    static Path vendorBService() {
        return find("vendor-b-http-runnable.jar", "vendor-b-http", "vendor-b-http-runnable.jar");
    }

    /** The api-publisher CLI every vendor pipeline runs. */
    static Path publisherCli() {
        return find("api-publisher-cli.jar", "api-publisher", "api-publisher-*-cli.jar");
    }

    private static Path find(String copiedName, String module, String glob) {
        String copied = System.getProperty("rehearsal.artifacts");
        if (copied != null && Files.isRegularFile(Path.of(copied, copiedName))) {
            return Path.of(copied, copiedName);
        }
        Path moduleDir = Path.of(System.getProperty("rehearsal.moduleDir", "."));
        Optional<Path> built = glob(moduleDir.resolve("..").resolve(module).resolve("target").normalize(), glob);
        String missing = module + "'s packaged artifact (" + glob + ") is missing: build it first with ./mvnw -pl "
                + module + " -am package -DskipTests (a full ./mvnw verify builds it before this module); skipped";
        if (built.isEmpty()) {
            // A class-level skip is not listed in the test report: say it where the build log shows it.
            System.out.println("SKIPPED: " + missing);
        }
        assumeTrue(built.isPresent(), missing);
        return built.get();
    }

    private static Optional<Path> glob(Path dir, String glob) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> matches = Files.newDirectoryStream(dir, glob)) {
            for (Path match : matches) {
                return Optional.of(match);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
