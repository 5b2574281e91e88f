package dev.multivendor.vendorb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The container image Jib builds without a Docker daemon ({@code target/image-check/vendor-b-http-image.tar}, the
 * same image settings as the {@code jib} profile on an empty base so it builds offline): its configuration says
 * non-root, the deployed environment and the right entrypoint, and its layers hold the application. Where the
 * machine allows it (root, {@code unshare}, {@code chroot}), the image's own entrypoint, environment and user also
 * run and serve the API with gateway trust on ({@code src/test/image/run-image-rootfs.sh}).
 */
class ContainerImageIT {

    private static final Path IMAGE = Path.of("target", "image-check", "vendor-b-http-image.tar");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theImageRunsTheServiceAsANonRootUserWithGatewayTrustOn() throws IOException {
        Map<String, byte[]> entries = untar(IMAGE);
        JsonNode manifest = JSON.readTree(entries.get("manifest.json")).get(0);
        JsonNode config = JSON.readTree(entries.get(manifest.get("Config").asText())).get("config");

        String user = config.path("User").asText();
        assertFalse(user.isEmpty() || user.startsWith("0") || user.startsWith("root"), "image user: " + user);
        assertEquals("65532:65532", user);
        List<String> entrypoint = new ArrayList<>();
        config.path("Entrypoint").forEach(e -> entrypoint.add(e.asText()));
        assertEquals(List.of("java", "-cp", "@/app/jib-classpath-file", "dev.multivendor.vendorb.Application"),
                entrypoint);
        List<String> env = new ArrayList<>();
        config.path("Env").forEach(e -> env.add(e.asText()));
        assertTrue(env.contains("MICRONAUT_ENVIRONMENTS=deployed"), "image environment: " + env);
        assertTrue(config.path("ExposedPorts").has("8080/tcp"), config.toString());
        assertTrue(manifest.get("Layers").size() >= 3, "expected dependency, resource and class layers: " + manifest);
    }

    @Test
    void theImagesEntrypointServesTheApiWhenRunAsItsOwnUser() throws Exception {
        Path script = Path.of("src", "test", "image", "run-image-rootfs.sh");
        assumeTrue("root".equals(System.getProperty("user.name")),
                "running the image needs root for unshare/chroot (no container runtime is used); "
                        + "skipped for user " + System.getProperty("user.name") + ": the image configuration is "
                        + "still checked by the other test");
        for (String tool : List.of("unshare", "chroot", "python3", "curl")) {
            assumeTrue(onPath(tool), "running the image needs `" + tool + "` on the PATH; skipped");
        }
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), IMAGE.toString())
                .redirectErrorStream(true);
        builder.environment().put("PORT", "18181");
        // The database a deployment passes in the same variables (the ECS task definition's environment and secrets).
        builder.environment().put("DATASOURCES_DEFAULT_URL", TestDatabase.shared().database("container_image_it"));
        builder.environment().put("DATASOURCES_DEFAULT_USERNAME", TestDatabase.USER);
        builder.environment().put("DATASOURCES_DEFAULT_PASSWORD", "");
        Process process = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            in.transferTo(output);
        }
        boolean finished = process.waitFor(2, TimeUnit.MINUTES);
        String log = output.toString(StandardCharsets.UTF_8);
        assertTrue(finished, "the image smoke test did not finish:\n" + log);
        assertEquals(0, process.exitValue(), log);
        assertTrue(log.contains("server uid: 65532"), log);
        assertTrue(log.contains("without X-Origin-Verify: 403"), log);
        assertTrue(log.contains("OK: the image's layers, entrypoint and user serve the API"), log);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** A plain (uncompressed) tar, as Jib writes it: 512-byte headers, name at 0, octal size at 124. */
    private static Map<String, byte[]> untar(Path tar) throws IOException {
        assertTrue(Files.isRegularFile(tar), tar + " is missing: the jib `offline-image-check` execution builds it "
                + "in pre-integration-test");
        byte[] bytes = Files.readAllBytes(tar);
        Map<String, byte[]> entries = new HashMap<>();
        int pos = 0;
        while (pos + 512 <= bytes.length && bytes[pos] != 0) {
            String name = field(bytes, pos, 100);
            long size = Long.parseLong(field(bytes, pos + 124, 12).trim(), 8);
            byte[] content = new byte[(int) size];
            System.arraycopy(bytes, pos + 512, content, 0, (int) size);
            entries.put(name, content);
            pos += 512 + (int) ((size + 511) / 512 * 512);
        }
        return entries;
    }

    private static String field(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
