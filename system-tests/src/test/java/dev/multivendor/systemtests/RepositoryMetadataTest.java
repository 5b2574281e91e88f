package dev.multivendor.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** CODEOWNERS mirrors the separation of concerns; Dependabot watches every dependency manifest there is. */
class RepositoryMetadataTest {

    private static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();

    private static Map<String, Set<String>> owners() throws IOException {
        Map<String, Set<String>> owners = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve(".github/CODEOWNERS"))) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            owners.put(parts[0], java.util.Arrays.stream(parts).filter(p -> p.startsWith("@")).collect(Collectors.toSet()));
        }
        return owners;
    }

    @Test
    void eachVendorTeamOwnsItsFolderAndThePlatformTeamTheCoreTheBuildAndCi() throws IOException {
        Map<String, Set<String>> owners = owners();
        assertEquals(Set.of("@multivendor/vendor-a-team"), owners.get("/vendor-a-lambda/"));
        assertEquals(Set.of("@multivendor/vendor-b-team"), owners.get("/vendor-b-http/"));
        for (String platform : List.of("/core-infra/", "/.github/", "/pom.xml", "/system-tests/")) {
            assertEquals(Set.of("@multivendor/platform-team"), owners.get(platform), platform);
        }
        assertTrue(owners.get("/shared-contracts/").containsAll(Set.of("@multivendor/platform-team",
                "@multivendor/vendor-a-team", "@multivendor/vendor-b-team")), "contracts are co-owned");
    }

    @Test
    void everyTopLevelFolderHasAnOwnerLine() throws IOException {
        Set<String> owned = owners().keySet();
        try (Stream<Path> entries = Files.list(ROOT)) {
            List<String> unowned = entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !Set.of(".git", ".idea", "target", ".notes", ".ci", "docs").contains(n))
                    .filter(n -> !owned.contains("/" + n + "/")).sorted().collect(Collectors.toList());
            assertEquals(List.of(), unowned, "folders only the catch-all line owns");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void dependabotWatchesMavenActionsAndEveryCommittedNpmLockfile() throws IOException {
        Map<String, Object> config = new Yaml().load(Files.readString(ROOT.resolve(".github/dependabot.yml")));
        assertEquals(2, config.get("version"));
        List<Map<String, Object>> updates = (List<Map<String, Object>>) config.get("updates");
        Set<String> ecosystems = updates.stream().map(u -> (String) u.get("package-ecosystem")).collect(Collectors.toSet());
        assertTrue(ecosystems.containsAll(Set.of("maven", "github-actions", "npm")), ecosystems.toString());

        Set<String> npmDirs = updates.stream().filter(u -> "npm".equals(u.get("package-ecosystem")))
                .map(u -> (String) u.get("directory")).collect(Collectors.toSet());
        List<String> lockfiles = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(p -> p.getFileName().toString().equals("package-lock.json"))
                    .filter(p -> !p.toString().contains("node_modules") && !p.toString().contains("/target/"))
                    .forEach(p -> lockfiles.add("/" + ROOT.relativize(p.getParent()).toString().replace('\\', '/')));
        }
        assertEquals(new java.util.TreeSet<>(lockfiles), new java.util.TreeSet<>(npmDirs));
    }

    @Test
    @SuppressWarnings("unchecked")
    void dependabotUpdatesTheToolchainVersionsAndTheActionsTheToolchainActionUses() throws IOException {
        Map<String, Object> config = new Yaml().load(Files.readString(ROOT.resolve(".github/dependabot.yml")));
        List<Map<String, Object>> updates = (List<Map<String, Object>>) config.get("updates");
        String toolchain = "/.github/actions/setup-toolchain";

        assertTrue(updates.stream().anyMatch(u -> "docker".equals(u.get("package-ecosystem"))
                && toolchain.equals(u.get("directory"))), "docker ecosystem on " + toolchain + " (its Dockerfile)");
        assertTrue(Files.exists(ROOT.resolve(toolchain.substring(1)).resolve("Dockerfile")));
        Map<String, Object> actions = updates.stream().filter(u -> "github-actions".equals(u.get("package-ecosystem")))
                .findFirst().orElseThrow();
        assertEquals(List.of("/", toolchain), actions.get("directories"));
        // The AWS provider the offline jobs mirror and moto, the rehearsal's emulator, are pinned beside it.
        assertTrue(updates.stream().anyMatch(u -> "pip".equals(u.get("package-ecosystem"))
                && toolchain.equals(u.get("directory"))), "pip ecosystem on " + toolchain + " (moto)");
        assertTrue(Files.readString(ROOT.resolve(toolchain.substring(1)).resolve("requirements.txt"))
                .contains("moto[server]=="), "moto pinned in requirements.txt");
        assertTrue(updates.stream().anyMatch(u -> "terraform".equals(u.get("package-ecosystem"))
                && u.get("directories") instanceof List<?> dirs && dirs.contains(toolchain + "/aws-provider")),
                "terraform ecosystem on " + toolchain + "/aws-provider");
    }
}
