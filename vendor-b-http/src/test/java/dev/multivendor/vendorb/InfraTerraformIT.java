package dev.multivendor.vendorb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Vendor B's own-account infrastructure ({@code infra/}, Terraform HCL): formatted, valid offline against the local
 * provider mirror, strict about the onboarding kit, and, planned against {@code moto_server} (an AWS emulator), with
 * the properties that matter: an encrypted database in private subnets with credentials only in Secrets Manager, a
 * TLS 1.2+ listener, and no secret in the outputs or the plan. Each test skips with the reason when
 * {@code terraform}, the provider mirror ({@code TF_PROVIDER_MIRROR}, default /opt/tf-plugins) or {@code moto_server}
 * is missing. What the emulator cannot prove (real TLS handshakes, IAM evaluation, RDS encryption at rest) is
 * listed in README.md.
 */
class InfraTerraformIT {

    private static final Path INFRA = Path.of("infra");
    private static final Path KIT = Path.of("infra", "examples", "onboarding-kit.vendor-b.json");
    private static final String VENDOR_ACCOUNT = "222222222222";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void isFormattedTheWayTerraformFmtWritesIt() throws Exception {
        Path terraform = terraform();

        Result fmt = run(INFRA, null, Map.of(), terraform.toString(), "fmt", "-check", "-recursive", "-diff", "-no-color");

        assertEquals(0, fmt.exit, "terraform fmt -check found files to reformat:\n" + fmt.output);
    }

    @Test
    void isValidOfflineWithTheLocalProviderMirror() throws Exception {
        Path dir = initialized("validate");

        Result validate = run(dir, cliConfig(dir), Map.of(), terraform().toString(), "validate", "-no-color");

        assertEquals(0, validate.exit, validate.output);
        assertTrue(validate.output.contains("The configuration is valid"), validate.output);
    }

    @Test
    void refusesAKitForAnotherVendorNamingTheFileTheFieldAndTheValue() throws Exception {
        Path dir = initialized("wrong-kit");
        String kit = Files.readString(KIT).replace("\"vendor-b\"", "\"vendor-a\"")
                .replace("\"b1c2d3e4f5\"", "\"*\"");
        Files.writeString(dir.resolve("wrong-kit.json"), kit);

        // Variable validation runs before any provider call: no credentials or emulator needed.
        Result plan = run(dir, cliConfig(dir), Map.of("AWS_ACCESS_KEY_ID", "", "AWS_SECRET_ACCESS_KEY", ""),
                terraform().toString(), "plan", "-input=false", "-no-color", "-var-file=examples/dev.tfvars",
                "-var", "kit_file=wrong-kit.json");

        assertNotEquals(0, plan.exit, plan.output);
        String output = plan.output.replaceAll("\\s+", " ");
        assertTrue(output.contains("wrong-kit.json: field vendorId must be \"vendor-b\""), plan.output);
        assertTrue(output.contains("wrong-kit.json: field apiId is a wildcard"), plan.output);
        assertFalse(output.contains("Plan:"), plan.output);
    }

    @Test
    void plansAnEncryptedPrivateDatabaseATls12ListenerAndNoSecretInTheOutputs() throws Exception {
        Path motoServer = onPath("moto_server");
        assumeTrue(motoServer != null, "moto_server is not on the PATH (pip install 'moto[server]'): skipping the "
                + "plan-level test of the infrastructure");
        Path dir = initialized("plan");
        int port = freePort();
        ProcessBuilder motoBuilder = new ProcessBuilder(motoServer.toString(), "-H", "127.0.0.1", "-p",
                Integer.toString(port)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("moto_server.log").toFile());
        motoBuilder.environment().put("MOTO_ACCOUNT_ID", VENDOR_ACCOUNT);
        Process moto = motoBuilder.start();
        try {
            awaitMoto(moto, port);
            Files.writeString(dir.resolve("moto_override.tf"), motoOverride("http://127.0.0.1:" + port));

            Result plan = run(dir, cliConfig(dir), Map.of(), terraform().toString(), "plan", "-input=false",
                    "-no-color", "-var-file=examples/dev.tfvars", "-out=plan.bin");
            assertEquals(0, plan.exit, plan.output);
            Result show = run(dir, cliConfig(dir), Map.of(), terraform().toString(), "show", "-json", "plan.bin");
            assertEquals(0, show.exit, show.output);
            JsonNode root = JSON.readTree(show.output);
            JsonNode resources = root.at("/planned_values/root_module/resources");
            JsonNode config = root.at("/configuration/root_module/resources");

            JsonNode db = values(resources, "aws_db_instance.this");
            assertTrue(db.path("storage_encrypted").asBoolean(), "database storage encrypted");
            assertFalse(db.path("publicly_accessible").asBoolean(true), "database not publicly accessible");
            assertTrue(db.path("manage_master_user_password").asBoolean(), "RDS keeps the password in Secrets Manager");
            assertTrue(db.path("password").isNull() || db.path("password").isMissingNode(), "no password argument");
            assertEquals(List.of("aws_subnet.private"), references(config, "aws_db_subnet_group.this", "subnet_ids"),
                    "the database's subnets are the private ones");
            assertEquals(List.of("aws_subnet.private"), references(config, "aws_ecs_service.this",
                    "network_configuration", "subnets"), "the tasks run in the private subnets");
            for (JsonNode subnet : all(resources, "aws_subnet.private")) {
                assertFalse(subnet.path("values").path("map_public_ip_on_launch").asBoolean(true));
            }
            List<String> parameters = new ArrayList<>();
            values(resources, "aws_db_parameter_group.this").path("parameter")
                    .forEach(p -> parameters.add(p.path("name").asText() + "=" + p.path("value").asText()));
            assertTrue(parameters.contains("rds.force_ssl=1"), "the database refuses connections without TLS: " + parameters);

            JsonNode listener = values(resources, "aws_lb_listener.https");
            assertEquals("HTTPS", listener.path("protocol").asText());
            assertEquals(443, listener.path("port").asInt());
            assertEquals("ELBSecurityPolicy-TLS13-1-2-2021-06", listener.path("ssl_policy").asText(),
                    "a policy whose lowest protocol is TLS 1.2");
            assertTrue(listener.path("certificate_arn").asText().startsWith("arn:aws:acm:"));
            assertEquals(1, all(resources, "aws_lb_listener").size(), "no plain-HTTP listener");
            assertTrue(values(resources, "aws_lb.this").path("drop_invalid_header_fields").asBoolean());

            JsonNode dbIngress = values(resources, "aws_security_group_rule.db_in_task");
            assertEquals(5432, dbIngress.path("from_port").asInt());
            assertTrue(dbIngress.path("cidr_blocks").isNull() || dbIngress.path("cidr_blocks").isEmpty(),
                    "the database is open to the tasks' security group only");
            assertEquals(List.of("aws_security_group.task"),
                    references(config, "aws_security_group_rule.db_in_task", "source_security_group_id"));

            for (String group : List.of("aws_cloudwatch_log_group.service", "aws_cloudwatch_log_group.database")) {
                assertEquals(30, values(resources, group).path("retention_in_days").asInt(), group + " retention");
            }
            JsonNode repository = values(resources, "aws_ecr_repository.this");
            assertEquals("IMMUTABLE", repository.path("image_tag_mutability").asText());

            // Least privilege: the task role has no policy at all; the execution role's policy names resources.
            assertTrue(config.findValues("address").stream().map(JsonNode::asText)
                    .noneMatch(a -> a.startsWith("aws_iam_role_policy_attachment")), "no managed policies attached");
            assertEquals(List.of("aws_iam_role.execution"), references(config, "aws_iam_role_policy.execution", "role"));

            // No secret anywhere in what Terraform shows or keeps.
            JsonNode secretVersion = values(resources, "aws_secretsmanager_secret_version.origin_verify");
            assertTrue(secretVersion.path("secret_string").isNull() || secretVersion.path("secret_string").asText().isEmpty(),
                    "the origin secret's value is write-only: " + secretVersion);
            JsonNode outputs = root.at("/configuration/root_module/outputs");
            outputs.fields().forEachRemaining(output -> {
                String name = output.getKey();
                List<String> refs = new ArrayList<>();
                output.getValue().path("expression").path("references").forEach(r -> refs.add(r.asText()));
                assertFalse(name.contains("password"), name);
                assertTrue(refs.stream().noneMatch(r -> r.startsWith("ephemeral.") || r.contains("password")
                        || r.startsWith("aws_secretsmanager_secret_version")), "output " + name + " exposes a secret: " + refs);
                if (refs.stream().anyMatch(r -> r.contains("master_user_secret"))) {
                    assertTrue(refs.stream().anyMatch(r -> r.endsWith(".secret_arn")),
                            "output " + name + " may name the database secret, not show it: " + refs);
                }
            });
            assertFalse(show.output.contains("\"sensitive_values\":{\"password\""), "no password value planned");
        } finally {
            moto.destroy();
            moto.waitFor(10, TimeUnit.SECONDS);
        }
    }

    // ---- helpers ----

    private static Path terraform() {
        Path terraform = onPath("terraform");
        assumeTrue(terraform != null, "terraform is not on the PATH (https://developer.hashicorp.com/terraform/install):"
                + " skipping the infrastructure checks");
        return terraform;
    }

    private static Path mirror() {
        Path mirror = Path.of(System.getenv().getOrDefault("TF_PROVIDER_MIRROR", "/opt/tf-plugins"));
        assumeTrue(Files.isDirectory(mirror), "no Terraform provider mirror at " + mirror + " (set TF_PROVIDER_MIRROR to "
                + "a directory made by `terraform providers mirror`): skipping, terraform cannot download providers offline");
        return mirror;
    }

    /** A copy of infra/ in target/, initialized with the provider mirror and a local backend. */
    private static Path initialized(String name) throws Exception {
        Path terraform = terraform();
        Path mirror = mirror();
        Path dir = Path.of("target", "infra-test", name).toAbsolutePath();
        Files.createDirectories(dir.resolve("examples"));
        try (Stream<Path> files = Files.list(INFRA)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".tf") && !f.toString().endsWith("_override.tf"))
                    .toList()) {
                Files.copy(file, dir.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (Stream<Path> files = Files.list(INFRA.resolve("examples"))) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve("examples").resolve(file.getFileName()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.deleteIfExists(dir.resolve("moto_override.tf"));
        // State in the copy's directory instead of vendor B's S3 bucket: what any run outside CI does.
        Files.writeString(dir.resolve("backend_override.tf"), "terraform {\n  backend \"local\" {}\n}\n");
        Files.writeString(dir.resolve("terraform.rc"), "provider_installation {\n  filesystem_mirror {\n    path = \""
                + mirror.toAbsolutePath().toString().replace("\\", "/") + "\"\n  }\n  direct {\n"
                + "    exclude = [\"registry.terraform.io/*/*\"]\n  }\n}\n");
        Result init = run(dir, cliConfig(dir), Map.of(), terraform.toString(), "init", "-input=false", "-no-color");
        assertEquals(0, init.exit, init.output);
        return dir;
    }

    private static Path cliConfig(Path dir) {
        return dir.resolve("terraform.rc");
    }

    /** What a rehearsal against the emulator adds: the same provider, its endpoints pointed at moto_server. */
    private static String motoOverride(String endpoint) {
        StringBuilder hcl = new StringBuilder("provider \"aws\" {\n  access_key = \"test\"\n  secret_key = \"test\"\n"
                + "  skip_credentials_validation = true\n  skip_metadata_api_check = true\n  endpoints {\n");
        for (String service : List.of("acm", "ec2", "ecr", "ecs", "elbv2", "iam", "logs", "rds", "secretsmanager", "sts")) {
            hcl.append("    ").append(service).append(" = \"").append(endpoint).append("\"\n");
        }
        return hcl.append("  }\n}\n").toString();
    }

    private static JsonNode values(JsonNode resources, String address) {
        for (JsonNode resource : resources) {
            if (resource.path("address").asText().equals(address)) {
                return resource.path("values");
            }
        }
        throw new AssertionError("the plan has no " + address);
    }

    private static List<JsonNode> all(JsonNode resources, String addressPrefix) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode resource : resources) {
            String address = resource.path("address").asText();
            if (address.equals(addressPrefix) || address.startsWith(addressPrefix + "[")
                    || address.startsWith(addressPrefix + ".")) {
                found.add(resource);
            }
        }
        return found;
    }

    /** The resources an argument of a resource's configuration refers to (e.g. aws_subnet.private). */
    private static List<String> references(JsonNode config, String address, String... path) {
        for (JsonNode resource : config) {
            if (resource.path("address").asText().equals(address)) {
                JsonNode expression = resource.path("expressions");
                for (String step : path) {
                    expression = expression.isArray() ? expression.path(0).path(step) : expression.path(step);
                }
                List<String> refs = new ArrayList<>();
                expression.path("references").forEach(r -> {
                    String ref = r.asText();
                    if (ref.chars().filter(c -> c == '.').count() == 1 && !ref.contains("[")) {
                        refs.add(ref);
                    }
                });
                return refs;
            }
        }
        throw new AssertionError("the configuration has no " + address);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path dir, Path cliConfig, Map<String, String> environment, String... command)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true);
        if (cliConfig != null) {
            builder.environment().put("TF_CLI_CONFIG_FILE", cliConfig.toString());
        }
        builder.environment().put("TF_IN_AUTOMATION", "1");
        builder.environment().putAll(environment);
        Path log = Files.createTempFile(Path.of("target"), "terraform-", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 5 minutes; see " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Result(process.exitValue(), output);
    }

    private static void awaitMoto(Process moto, int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(moto.isAlive(), "moto_server exited; see target/infra-test/plan/moto_server.log");
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/moto-api/")).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("moto_server did not answer within 60 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path onPath(String program) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
