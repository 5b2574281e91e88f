package dev.multivendor.infrasupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code terraform} CLI offline: providers come only from a local filesystem mirror (the directory in
 * {@value #MIRROR_ENV}, default {@value #DEFAULT_MIRROR}), never from the network. The CLI configuration this writes
 * follows Terraform's "CLI Configuration File" documentation ({@code provider_installation} with a
 * {@code filesystem_mirror} and a {@code direct} block that excludes everything the mirror serves).
 */
public final class TerraformCli {

    /** The environment variable naming the provider mirror directory, everywhere in this repository. */
    public static final String MIRROR_ENV = "TF_PROVIDER_MIRROR";
    public static final String DEFAULT_MIRROR = "/opt/tf-plugins";
    /**
     * The prebuilt CDKTF AWS provider bindings pin one provider version exactly; the mirror holds a newer 5.x, which
     * the generated configuration accepts once the pin is relaxed to this constraint.
     */
    public static final String PROVIDER_CONSTRAINT = "~> 5.23";
    private static final String AWS_PROVIDER_DIR = "registry.terraform.io/hashicorp/aws";

    private TerraformCli() {
    }

    /** What one terraform command did: its exit code and its output (stdout and stderr together). */
    public record Result(int exit, String output) {
        public boolean ok() {
            return exit == 0;
        }
    }

    /** The mirror directory {@code env} names, or the default. */
    public static Path mirror(Map<String, String> env) {
        String dir = env.get(MIRROR_ENV);
        return Path.of(dir == null || dir.isBlank() ? DEFAULT_MIRROR : dir.strip());
    }

    /**
     * Why terraform cannot run offline here, naming what is missing and how to get it; empty when it can. Tests pass
     * this to a JUnit assumption, so they skip with the reason instead of failing on a laptop without terraform.
     */
    public static Optional<String> unavailable(Map<String, String> env) {
        if (executable(env).isEmpty()) {
            return Optional.of("terraform is not on the PATH: install Terraform 1.x (https://developer.hashicorp.com/"
                    + "terraform/install) to run this check");
        }
        Path mirror = mirror(env);
        if (!Files.isDirectory(mirror.resolve(AWS_PROVIDER_DIR))) {
            return Optional.of("no AWS provider in the mirror " + mirror + " (" + MIRROR_ENV + "): fill it with "
                    + "`terraform providers mirror DIR` on a machine with network access, then set " + MIRROR_ENV
                    + "=DIR");
        }
        return Optional.empty();
    }

    /** The terraform executable on {@code env}'s PATH. */
    public static Optional<Path> executable(Map<String, String> env) {
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "terraform"))) {
                return Optional.of(Path.of(dir, "terraform"));
            }
        }
        return Optional.empty();
    }

    /** The CLI configuration text for {@code mirror}. */
    public static String cliConfig(Path mirror) {
        return "provider_installation {\n"
                + "  filesystem_mirror {\n"
                + "    path    = \"" + mirror.toAbsolutePath().toString().replace("\\", "/") + "\"\n"
                + "    include = [\"registry.terraform.io/*/*\"]\n"
                + "  }\n"
                + "  direct {\n"
                + "    exclude = [\"registry.terraform.io/*/*\"]\n"
                + "  }\n"
                + "}\n";
    }

    /** Writes {@link #cliConfig(Path)} to {@code file} (creating its directory) and returns the file. */
    public static Path writeCliConfig(Path file, Path mirror) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, cliConfig(mirror), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The environment terraform runs with: the CLI configuration, no prompts, no update check. */
    public static Map<String, String> environment(Path cliConfig) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TF_CLI_CONFIG_FILE", cliConfig.toAbsolutePath().toString());
        env.put("TF_IN_AUTOMATION", "1");
        env.put("CHECKPOINT_DISABLE", "1");
        return env;
    }

    /** Relaxes the exact AWS provider pin of a synthesized CDKTF stack ({@code cdk.tf.json}) to the mirror's 5.x. */
    public static ObjectNode allowMirroredProvider(ObjectNode stack) {
        JsonNode aws = stack.path("terraform").path("required_providers").path("aws");
        if (aws instanceof ObjectNode provider) {
            provider.put("version", PROVIDER_CONSTRAINT);
        }
        return stack;
    }

    /** {@code terraform ARGS} in {@code dir} with {@code cliConfig}; a command still running at the timeout is killed. */
    public static Result run(Path dir, Path cliConfig, Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add("terraform");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment(cliConfig));
        try {
            Path output = Files.createTempFile("terraform-", ".log");
            try {
                Process process = builder.redirectOutput(output.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    return new Result(-1, Files.readString(output) + "\n(terraform " + String.join(" ", args)
                            + " did not finish within " + timeout.toSeconds() + " s and was stopped)");
                }
                return new Result(process.exitValue(), Files.readString(output));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while terraform ran", e);
        }
    }

    /**
     * {@code terraform init -backend=false} then {@code terraform validate -json} in {@code dir}, with a CLI
     * configuration written into {@code dir} for {@code mirror}. The result is validate's (or init's, when init fails).
     */
    public static Result validate(Path dir, Path mirror, Duration timeout) {
        Path cliConfig = writeCliConfig(dir.resolve("terraform.rc"), mirror);
        Result init = run(dir, cliConfig, timeout, "init", "-backend=false", "-input=false", "-no-color");
        if (!init.ok()) {
            return new Result(init.exit(), "terraform init failed:\n" + init.output());
        }
        return run(dir, cliConfig, timeout, "validate", "-json", "-no-color");
    }
}
