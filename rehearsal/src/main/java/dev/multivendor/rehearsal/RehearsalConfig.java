package dev.multivendor.rehearsal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where things are. Everything the rehearsal writes goes under {@code workDir} (default
 * {@code rehearsal/target/rehearsal}), which it empties at the start.
 *
 * @param repoRoot  the repository checkout (sources of the stacks, the registry)
 * @param workDir   synthesized stacks, state files, kits, logs
 * @param artifacts the packaged artifacts the rehearsal deploys (vendor A's function jar, the publisher CLI)
 * @param tfMirror  the AWS provider filesystem mirror (TF_PROVIDER_MIRROR, default /opt/tf-plugins)
 * @param registry  the vendor registry the core is synthesized from
 * @param callDeadline the deadline of each terraform / synth / publisher call
 */
public record RehearsalConfig(Path repoRoot, Path workDir, Path artifacts, Path tfMirror, Path registry,
                              Duration callDeadline) {

    public static final String FUNCTION_JAR = "vendor-a-lambda-aws.jar";
    public static final String PUBLISHER_JAR = "api-publisher-cli.jar";

    /** From system properties rehearsal.moduleDir / rehearsal.artifacts (set by the pom), env for the mirror. */
    public static RehearsalConfig fromEnvironment() {
        Path moduleDir = Path.of(System.getProperty("rehearsal.moduleDir",
                Files.isDirectory(Path.of("rehearsal")) ? "rehearsal" : ".")).toAbsolutePath().normalize();
        Path repoRoot = moduleDir.getParent();
        Path artifacts = Path.of(System.getProperty("rehearsal.artifacts",
                moduleDir.resolve("target/artifacts").toString())).toAbsolutePath();
        String mirror = firstNonBlank(System.getenv("TF_PROVIDER_MIRROR"), "/opt/tf-plugins");
        return new RehearsalConfig(repoRoot, moduleDir.resolve("target/rehearsal"), artifacts, Path.of(mirror),
                repoRoot.resolve("core-infra/vendors.yaml"), Duration.ofMinutes(8));
    }

    public Path functionJar() {
        return artifacts.resolve(FUNCTION_JAR);
    }

    public Path publisherJar() {
        return artifacts.resolve(PUBLISHER_JAR);
    }

    public Path vendorBInfra() {
        return repoRoot.resolve("vendor-b-http/infra");
    }

    /** What is missing to run at all (tools on the PATH, mirror, artifacts), or null. */
    public String missing() {
        StringBuilder sb = new StringBuilder();
        if (!Processes.onPath("moto_server")) {
            sb.append("moto_server is not on the PATH (install it: pip install 'moto[server]==5.2.1'); ");
        }
        if (!Processes.onPath("terraform")) {
            sb.append("terraform is not on the PATH (install Terraform 1.5+ from developer.hashicorp.com/terraform/install); ");
        }
        if (!Files.isDirectory(tfMirror.resolve("registry.terraform.io/hashicorp/aws"))) {
            sb.append("no AWS provider mirror at ").append(tfMirror)
                    .append(" (set TF_PROVIDER_MIRROR to a filesystem mirror holding hashicorp/aws 5.x); ");
        }
        for (Path jar : new Path[] {functionJar(), publisherJar()}) {
            if (!Files.isRegularFile(jar)) {
                sb.append(jar).append(" is missing (build with ./mvnw -pl rehearsal -am verify -DskipTests); ");
            }
        }
        return sb.isEmpty() ? null : sb.substring(0, sb.length() - 2);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
