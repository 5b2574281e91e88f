package dev.multivendor.coreinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Synthesized stacks shared by the tests of one JVM: jsii loads the AWS provider once per JVM (~2 s). */
final class Synths {

    private static final Map<String, SynthesizedStack> CACHE = new ConcurrentHashMap<>();

    private Synths() {
    }

    static Path moduleDir() {
        return Path.of(System.getProperty("core.moduleDir", "."));
    }

    static String resource(String name) {
        try (var in = Synths.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Registry parse(String yaml, String name) {
        try {
            return RegistryLoader.parse(yaml, name);
        } catch (RegistryException e) {
            throw new AssertionError("test registry " + name + " is invalid:\n" + e.getMessage(), e);
        }
    }

    /** Three vendors behind the core's custom domain api.example.com (vendor-a under /feedback). */
    static Registry customDomain() {
        return parse(resource("registries/custom-domain.yaml"), "custom-domain.yaml");
    }

    /** The four-vendor single-account registry behind the same custom domain (every vendor under its id). */
    static Registry singleAccountCustomDomain() {
        String yaml = resource("registries/single-account.yaml").replace("accountModel: single-account\n",
                "accountModel: single-account\n" + customDomainBlock(resource("registries/custom-domain.yaml")));
        return parse(yaml, "single-account-custom-domain.yaml");
    }

    /** The customDomain block of a registry text (up to the next top-level key). */
    static String customDomainBlock(String yaml) {
        int start = yaml.indexOf("customDomain:\n");
        int end = yaml.indexOf("\nvendors:", start);
        return yaml.substring(start, end + 1);
    }

    /** The module's shipped registry, core-infra/vendors.yaml. */
    static Registry shipped() {
        try {
            return RegistryLoader.load(moduleDir().resolve("vendors.yaml"));
        } catch (RegistryException e) {
            throw new AssertionError("the shipped vendors.yaml is invalid:\n" + e.getMessage(), e);
        }
    }

    /** Synthesizes once per key into target/synth-tests/KEY. */
    static synchronized SynthesizedStack synth(String key, Registry registry) {
        return CACHE.computeIfAbsent(key, k -> CoreSynth.synthesize(registry,
                moduleDir().resolve("target").resolve("synth-tests").resolve(k)));
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
