package dev.multivendor.contracts;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Test helpers: parsing contracts and finding their released versions. */
final class Contracts {

    /** Released contract versions, one file per version: {@code src/released/<api>/<semver>.yaml}. */
    static final Path RELEASED = Path.of("src", "released");

    private Contracts() {
    }

    /** Parses as written, internal {@code $ref}s kept; the result keeps every parser message. */
    static SwaggerParseResult parse(String yaml) {
        return parse(yaml, false);
    }

    private static SwaggerParseResult parse(String yaml, boolean inlineReferences) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(inlineReferences);
        return new OpenAPIV3Parser().readContents(yaml, null, options);
    }

    /** Parses as written; fails on any parser message. */
    static OpenAPI parseStrictly(String yaml, String name) {
        return parseStrictly(yaml, name, false);
    }

    /** Parses with every {@code $ref} inlined, so operations can be inspected without following references. */
    static OpenAPI parseInlined(String yaml, String name) {
        return parseStrictly(yaml, name, true);
    }

    private static OpenAPI parseStrictly(String yaml, String name, boolean inlineReferences) {
        SwaggerParseResult result = parse(yaml, inlineReferences);
        if (result.getOpenAPI() == null || (result.getMessages() != null && !result.getMessages().isEmpty())) {
            throw new AssertionError(name + " does not parse cleanly: " + result.getMessages());
        }
        return result.getOpenAPI();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The highest released version of the contract's major version, if it was ever released. */
    static Optional<Path> latestRelease(ApiContract contract) {
        Path dir = RELEASED.resolve(contract.apiName());
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .filter(f -> SemVer.parse(versionOf(f)).major() == contract.majorVersion())
                    .max(Comparator.comparing(f -> SemVer.parse(versionOf(f))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ApiContract> all() {
        return List.of(ApiContract.values());
    }

    private static String versionOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".yaml".length());
    }

    record SemVer(int major, int minor, int patch) implements Comparable<SemVer> {
        static SemVer parse(String text) {
            String[] parts = text.split("\\.");
            if (parts.length != 3) {
                throw new IllegalArgumentException("Not a semantic version (MAJOR.MINOR.PATCH): " + text);
            }
            return new SemVer(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        }

        @Override
        public int compareTo(SemVer o) {
            return Comparator.comparingInt(SemVer::major).thenComparingInt(SemVer::minor)
                    .thenComparingInt(SemVer::patch).compare(this, o);
        }
    }
}
