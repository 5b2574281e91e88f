package dev.multivendor.rehearsal.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged api-publisher CLI the way a vendor's pipeline does, as its own process, with the vendor's
 * credentials in the environment (the SDK's default chain) and the emulated control plane as its endpoint.
 */
final class PublisherCli {

    /** Exit code and everything the CLI printed. */
    record Run(int exitCode, String output) {
    }

    private PublisherCli() {
    }

    static Run publish(Path cliJar, URI controlPlane, URI invokeUrl, String apiId, String stage, List<String> targetArgs,
                       Map<String, String> environment, String version, String smokePath, int smokeExpect)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", cliJar.toString()));
        command.addAll(targetArgs);
        command.addAll(List.of("--api-id", apiId, "--stage", stage, "--region", MotoControlPlane.REGION,
                "--endpoint-url", controlPlane.toString(), "--invoke-url", invokeUrl.toString(),
                "--version", version, "--commit", "rehearsal-" + version,
                "--smoke-path", smokePath, "--smoke-expect", Integer.toString(smokeExpect),
                "--smoke-attempts", "3", "--smoke-interval-seconds", "1", "--max-attempts", "10"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", "test");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        builder.environment().put("AWS_REGION", MotoControlPlane.REGION);
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the publisher did not finish within 120 s: " + command);
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
