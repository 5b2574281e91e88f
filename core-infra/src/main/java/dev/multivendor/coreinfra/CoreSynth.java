package dev.multivendor.coreinfra;

import com.hashicorp.cdktf.App;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Synthesizes the core stack for a registry. This is the programmatic entry other modules use (the publisher
 * cross-check and the explain command in system-tests): {@code CoreSynth.synthesize(RegistryLoader.parse(yaml,
 * "name"), dir)}. One JVM keeps one jsii runtime, so repeated calls only pay the provider's load once.
 */
public final class CoreSynth {

    private CoreSynth() {
    }

    /** Writes the Terraform JSON under {@code outdir} (cdktf layout: stacks/core/cdk.tf.json). */
    public static SynthesizedStack synthesize(Registry registry, Path outdir) {
        return synthesize(registry, outdir, StateBackend.local());
    }

    /** The same, with the state kept where {@code backend} says (see {@link StateBackend}). */
    public static SynthesizedStack synthesize(Registry registry, Path outdir, StateBackend backend) {
        try {
            // cdktf creates only the last directory level itself.
            Files.createDirectories(outdir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output directory " + outdir, e);
        }
        App app = App.Builder.create()
                .outdir(outdir.toString())
                // Stack-trace metadata would embed machine paths and line numbers in the output.
                .stackTraces(false)
                .build();
        new CoreStack(app, registry, backend);
        app.synth();
        return new SynthesizedStack(registry, outdir, outdir.resolve("stacks").resolve(CoreStack.STACK_NAME)
                .resolve("cdk.tf.json"));
    }
}
