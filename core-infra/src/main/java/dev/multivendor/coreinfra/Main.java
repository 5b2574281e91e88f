package dev.multivendor.coreinfra;

import dev.multivendor.coreinfra.Registry.Stage;
import dev.multivendor.coreinfra.Registry.Vendor;
import dev.multivendor.infrasupport.StateBackend;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code ./mvnw -q -pl core-infra compile exec:java}: validates the registry ({@code CORE_VENDORS_FILE}, default
 * core-infra/vendors.yaml), synthesizes to {@code CDKTF_OUTDIR} (default core-infra/cdktf.out) and prints a
 * summary. A bad registry prints its problems and exits 1 before anything is written.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        Path moduleDir = moduleDir();
        Path registryFile = env("CORE_VENDORS_FILE").map(Path::of).orElse(moduleDir.resolve("vendors.yaml"));
        Path outdir = env("CDKTF_OUTDIR").map(Path::of).orElse(moduleDir.resolve("cdktf.out"));

        Registry registry;
        try {
            registry = RegistryLoader.load(relative(registryFile));
        } catch (RegistryException e) {
            System.err.println("core-infra: the vendor registry is invalid; nothing was synthesized.");
            e.problems().forEach(p -> System.err.println("  " + p));
            System.exit(1);
            return;
        }

        // exec:java runs in Maven's JVM, so the pom cannot hand jsii's node child the variable that silences
        // its 20-line "Node is end-of-life" banner; jsii's stderr (which comes through System.err) is filtered.
        System.setErr(new JsiiNoiseFilter(System.err));
        StateBackend backend = CoreSynth.stateBackend(System.getenv());
        SynthesizedStack stack;
        try {
            stack = CoreSynth.synthesize(registry, outdir, backend);
        } catch (RuntimeException e) {
            // A bug or an environment problem (e.g. Node missing), not a registry error: say so briefly.
            System.err.println("core-infra: synthesis failed: " + e.getMessage());
            System.err.println("  (run with -Dcore.debug=true for the stack trace)");
            if (Boolean.getBoolean("core.debug")) {
                e.printStackTrace();
            }
            stopJsiiRuntime();
            System.exit(2);
            return;
        }
        printSummary(System.out, stack, (System.nanoTime() - start) / 1e9);
        if (!backend.isLocal()) {
            System.out.println("  Terraform state: " + backend.describe());
        }
        if (Boolean.getBoolean("core.reportResources") || env("CORE_REPORT_RESOURCES").isPresent()) {
            ResourceUsage.print(System.err);
        }
        System.out.flush();
        // Under exec:java, Maven closes this class loader when main returns while jsii's node child and its
        // stderr reader still run; the reader then fails loudly. Stop the child first, then leave.
        stopJsiiRuntime();
        System.exit(0);
    }

    /** jsii 1.94 only stops its node child from a shutdown hook (racing its stderr reader); stop it in order. */
    private static void stopJsiiRuntime() {
        try {
            Class<?> engineClass = Class.forName("software.amazon.jsii.JsiiEngine");
            Object engine = engineClass.getMethod("getInstance").invoke(null);
            java.lang.reflect.Field runtimeField = engineClass.getDeclaredField("runtime");
            runtimeField.setAccessible(true);
            Object runtime = runtimeField.get(engine);
            java.lang.reflect.Method terminate = runtime.getClass().getDeclaredMethod("terminate");
            terminate.setAccessible(true);
            terminate.invoke(runtime);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Best effort: the JVM's exit still ends the child through jsii's own shutdown hook.
        }
    }

    static void printSummary(PrintStream out, SynthesizedStack stack, double seconds) {
        Registry r = stack.registry();
        out.printf(Locale.ROOT, "core-infra: %d vendor(s) from %s -> %s (%s, %s %s) in %.1f s%n",
                r.vendors().size(), r.source(), relative(stack.stackFile()), r.region(),
                r.singleAccount() ? "accountModel single-account, everything in account" : "core account",
                r.coreAccountId(), seconds);
        int width = r.vendors().stream().mapToInt(v -> v.id().length()).max().orElse(0);
        for (Vendor v : r.vendors()) {
            String stages = v.stages().stream().map(Main::stage).collect(Collectors.joining(", "));
            String pad = " ".repeat(width - v.id().length());
            out.printf(Locale.ROOT, "  %s%s  API %s (%s)  stages %s (each capped in total by a WAF rule)%n", v.id(), pad,
                    Names.apiName(v.id()),
                    v.integration().yamlName(), stages);
            for (Registry.Identity i : v.identities()) {
                String who = i.kind() == Registry.IdentityKind.IAM_USER
                        ? "user " + Names.IAM_PATH.substring(1) + Names.userName(v.id())
                        : "role " + Names.IAM_PATH.substring(1) + Names.deployRoleName(v.id(), i.name());
                String signIn = i.oidc().map(t -> t.issuerUrl().substring("https://".length()) + " sub "
                        + String.join(" | ", t.subjects())).or(() -> i.trustedRoleArn()).orElse("access keys");
                out.printf(Locale.ROOT, "  %s  %-9s %s -> %s  (%s: %s)%n", " ".repeat(width), i.name(), who,
                        String.join("/", i.stages()), i.kind().yamlName(), signIn);
            }
            if (r.singleAccount()) {
                out.printf(Locale.ROOT, "  %s  tag vendor=%s  functions/layers %s*  function role %s%s%n",
                        " ".repeat(width), v.id(), Names.namePrefix(v.id()), Names.functionRolePath(v.id()).substring(1),
                        Names.functionRoleName(v.id()));
            }
        }
        r.customDomain().ifPresent(d -> out.printf(Locale.ROOT, "  custom domain %s: %s%n", d.name(),
                r.vendors().stream().map(v -> v.id() + " -> " + d.host(v) + " (" + d.stage() + ")")
                        .collect(Collectors.joining(", "))));
    }

    private static String stage(Stage s) {
        return s.name() + " " + YamlReader.fmt(s.rateLimit()) + " rps/" + s.burstLimit() + " burst";
    }

    /** exec:java runs inside Maven's JVM, started wherever ./mvnw was: the pom passes the module directory. */
    static Path moduleDir() {
        String configured = System.getProperty("core.moduleDir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Files.isRegularFile(Path.of("core-infra", "vendors.yaml")) ? Path.of("core-infra") : Path.of(".");
    }

    /** Paths in messages relative to where the command was started, as the user typed them. */
    static Path relative(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs) : p;
    }

    private static java.util.Optional<String> env(String name) {
        return java.util.Optional.ofNullable(System.getenv(name)).filter(s -> !s.isBlank());
    }
}
