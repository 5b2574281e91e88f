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
