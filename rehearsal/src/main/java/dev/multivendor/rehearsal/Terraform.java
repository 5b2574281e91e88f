package dev.multivendor.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * terraform in one synthesized stack directory, pointed at an emulated account by an override file
 * ({@value #OVERRIDE_FILE}) next to the synthesized {@code cdk.tf.json}, never by editing it. Terraform merges
 * {@code *_override.tf.json} into the configuration (see Terraform's "Override Files" documentation).
 */
public final class Terraform {

    public static final String OVERRIDE_FILE = "rehearsal_override.tf.json";
    /** The prebuilt CDKTF bindings pin the provider exactly; the offline mirror holds a newer 5.x. */
    static final String PROVIDER_CONSTRAINT = "~> 5.23";
    /**
     * Retries of the AWS provider's SDK per call: an emulator answering 500 (an unimplemented corner) fails the
     * step after 2 attempts instead of the default 25 with backoff.
     */
    static final int MAX_RETRIES = 2;
    /** The services the stacks use; all are served by one moto_server. */
    static final List<String> SERVICES = List.of("acm", "apigateway", "cloudwatch", "cloudwatchlogs", "dynamodb", "ec2",
            "ecr", "ecs", "elbv2", "events", "iam", "kms", "lambda", "rds", "s3", "secretsmanager", "sns", "sqs", "ssm",
            "sts", "wafv2");
    /**
     * Which endpoint each resource type (by name prefix) calls. A stack with a type not listed here is refused before
     * terraform runs: its calls would otherwise go to the real AWS endpoint.
     */
    static final Map<String, String> SERVICE_OF_TYPE = serviceOfType();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Path dir;
    private final Path cliConfig;
    private final Path log;
    private final Duration deadline;
    private java.net.URI emulator;

    public Terraform(String name, Path dir, Path cliConfig, Path log, Duration deadline) {
        this.name = name;
        this.dir = dir;
        this.cliConfig = cliConfig;
        this.log = log;
        this.deadline = deadline;
    }

    public Path dir() {
        return dir;
    }

    /**
     * The override: provider version constraint for the mirror, every endpoint on the emulator, the account's
     * credentials, the account check left on ({@code skip_requesting_account_id = false}: the provider asks the
     * emulator's STS who it is, and {@code allowed_account_ids}, where the stack sets it, is enforced), retries capped.
     * {@code resourceOverrides} adds documented per-resource patches (see the README).
     */
    public void writeOverride(MotoServer emulator, String accessKey, String secretKey, ObjectNode resourceOverrides) {
        writeOverride(emulator, accessKey, secretKey, resourceOverrides, false);
    }

    /** The same; {@code localState}: keep the state in a local file here instead of the stack's remote backend. */
    public void writeOverride(MotoServer emulator, String accessKey, String secretKey, ObjectNode resourceOverrides,
                              boolean localState) {
        this.emulator = emulator.endpoint();
        ObjectNode root = JSON.createObjectNode();
        ObjectNode terraform = root.putObject("terraform");
        terraform.putObject("required_providers").putObject("aws").put("source", "aws")
                .put("version", PROVIDER_CONSTRAINT);
        if (localState) {
            // Replaces a remote backend of the stack (an override's backend block replaces the original's).
            terraform.putObject("backend").putObject("local").put("path", "terraform.tfstate");
        }
        ObjectNode aws = root.putObject("provider").putObject("aws");
        aws.put("access_key", accessKey);
        aws.put("secret_key", secretKey);
        aws.put("skip_requesting_account_id", false);
        aws.put("skip_credentials_validation", false);
        aws.put("skip_metadata_api_check", true);
        aws.put("max_retries", MAX_RETRIES);
        checkEveryServiceIsEmulated();
        ObjectNode endpoints = aws.putObject("endpoints");
        SERVICES.forEach(s -> endpoints.put(s, emulator.endpoint().toString()));
        if (resourceOverrides != null && !resourceOverrides.isEmpty()) {
            root.set("resource", resourceOverrides);
        }
        try {
            Files.writeString(dir.resolve(OVERRIDE_FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every resource and data source type of the stack calls a service whose endpoint is the emulator. */
    void checkEveryServiceIsEmulated() {
        java.util.Set<String> types = new java.util.TreeSet<>();
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().equals(OVERRIDE_FILE)).toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".tf.json")) {
                    JsonNode json = JSON.readTree(f.toFile());
                    for (String block : List.of("resource", "data", "ephemeral")) {
                        json.path(block).fieldNames().forEachRemaining(types::add);
                    }
                } else if (name.endsWith(".tf")) {
                    java.util.regex.Matcher m = java.util.regex.Pattern
                            .compile("(?m)^\\s*(?:resource|data|ephemeral)\\s+\"([a-z0-9_]+)\"")
                            .matcher(Files.readString(f));
                    while (m.find()) {
                        types.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> unknown = types.stream().filter(t -> service(t) == null).toList();
        if (!unknown.isEmpty()) {
            throw new StepFailure(name + ": resource type(s) " + unknown + " call a service the rehearsal does not "
                    + "point at the emulator (Terraform.SERVICE_OF_TYPE); refusing to run terraform, whose calls would "
                    + "go to AWS itself");
        }
    }

    static String service(String type) {
        String best = null;
        for (Map.Entry<String, String> e : SERVICE_OF_TYPE.entrySet()) {
            if ((type.equals(e.getKey()) || type.startsWith(e.getKey() + "_"))
                    && (best == null || e.getKey().length() > best.length())) {
                best = e.getKey();
            }
        }
        return best == null ? null : SERVICE_OF_TYPE.get(best);
    }

    private static Map<String, String> serviceOfType() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("aws_acm", "acm");
        m.put("aws_api_gateway", "apigateway");
        m.put("aws_availability_zones", "ec2");
        m.put("aws_cloudwatch_event", "events");
        m.put("aws_cloudwatch_log", "cloudwatchlogs");
        m.put("aws_cloudwatch_metric_alarm", "cloudwatch");
        m.put("aws_db", "rds");
        m.put("aws_dynamodb", "dynamodb");
        m.put("aws_ecr", "ecr");
        m.put("aws_ecs", "ecs");
        m.put("aws_eip", "ec2");
        m.put("aws_iam", "iam");
        m.put("aws_internet_gateway", "ec2");
        m.put("aws_kms", "kms");
        m.put("aws_lambda", "lambda");
        m.put("aws_lb", "elbv2");
        m.put("aws_nat_gateway", "ec2");
        m.put("aws_route", "ec2");
        m.put("aws_route_table", "ec2");
        m.put("aws_s3", "s3");
        m.put("aws_secretsmanager", "secretsmanager");
        m.put("aws_security_group", "ec2");
        m.put("aws_sns", "sns");
        m.put("aws_sqs", "sqs");
        m.put("aws_ssm", "ssm");
        m.put("aws_subnet", "ec2");
        m.put("aws_vpc", "ec2");
        m.put("aws_wafv2", "wafv2");
        // Computed locally by the provider, no call.
        m.put("aws_iam_policy_document", "iam");
        return m;
    }

    public void init() {
        tf("terraform init", List.of("init", "-input=false", "-no-color", "-lock-timeout=10s"));
    }

    /** Returns terraform's summary line, e.g. "Apply complete! Resources: 36 added, 0 changed, 0 destroyed." */
    public String apply(String... extra) {
        List<String> args = new ArrayList<>(List.of("apply", "-auto-approve", "-input=false", "-no-color",
                "-lock-timeout=10s"));
        args.addAll(List.of(extra));
        return summary(tf("terraform apply", args), "Apply complete!");
    }

    public String destroy() {
        return summary(tf("terraform destroy", List.of("destroy", "-auto-approve", "-input=false", "-no-color",
                "-lock-timeout=10s")), "Destroy complete!");
    }

    private static String summary(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).reduce((a, b) -> b).orElse(prefix)
                .replace(prefix, "").trim();
    }

    /** {@code terraform plan -detailed-exitcode}: returns the plan as {@code terraform show -json} gives it. */
    public Plan plan(Path planFile) {
        Processes.Result r = Processes.run(name + ": terraform plan", command(List.of("plan", "-detailed-exitcode",
                "-input=false", "-no-color", "-lock-timeout=10s", "-out=" + planFile)), dir, env(), deadline, log);
        if (r.exit() != 0 && r.exit() != 2) {
            throw new StepFailure(name + ": terraform plan failed (exit " + r.exit() + "); log " + log + "\n"
                    + Processes.tail(r.output(), 15));
        }
        String json = Processes.runOk(name + ": terraform show", command(List.of("show", "-json", "-no-color",
                planFile.toString())), dir, env(), deadline, log.resolveSibling(log.getFileName() + ".show"));
        try {
            return new Plan(r.exit(), JSON.readTree(lastJsonLine(json)));
        } catch (IOException e) {
            throw new StepFailure(name + ": terraform show -json printed no JSON: " + e.getMessage(), e);
        }
    }

    /** {@code terraform output -json}: every output of the stack. */
    public JsonNode outputs() {
        String out = Processes.runOk(name + ": terraform output", command(List.of("output", "-json", "-no-color")), dir,
                env(), deadline, log.resolveSibling(log.getFileName() + ".outputs"));
        try {
            return JSON.readTree(lastJsonLine(out));
        } catch (IOException e) {
            throw new StepFailure(name + ": terraform output -json printed no JSON: " + e.getMessage(), e);
        }
    }

    public record Plan(int exitCode, JsonNode json) {
    }

    private String tf(String what, List<String> args) {
        return Processes.runOk(name + ": " + what, command(args), dir, env(), deadline, log);
    }

    private static List<String> command(List<String> args) {
        List<String> c = new ArrayList<>();
        c.add("terraform");
        c.addAll(args);
        return c;
    }

    private Map<String, String> env() {
        Map<String, String> env = new java.util.LinkedHashMap<>(Map.of("TF_CLI_CONFIG_FILE", cliConfig.toString(),
                "TF_IN_AUTOMATION", "1", "CHECKPOINT_DISABLE", "1"));
        // A second guard: the SDK's global endpoint setting, for any call the endpoints block does not name.
        if (emulator != null) {
            env.put("AWS_ENDPOINT_URL", emulator.toString());
        }
        return env;
    }

    /** The output starts with the command line the log records; the JSON is everything from its first "{". */
    private static String lastJsonLine(String output) {
        int start = output.startsWith("{") ? 0 : output.indexOf("\n{");
        if (start < 0) {
            throw new StepFailure("no JSON in terraform's output:\n" + Processes.tail(output, 10));
        }
        return output.substring(start).strip();
    }

    /**
     * The CLI configuration: the AWS provider from the offline filesystem mirror, nothing from the network.
     */
    public static Path writeCliConfig(Path file, Path mirror) {
        String text = "provider_installation {\n  filesystem_mirror {\n    path    = \""
                + mirror.toAbsolutePath().toString().replace("\\", "/") + "\"\n"
                + "    include = [\"registry.terraform.io/*/*\"]\n  }\n"
                + "  direct {\n    exclude = [\"registry.terraform.io/*/*\"]\n  }\n}\n";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
