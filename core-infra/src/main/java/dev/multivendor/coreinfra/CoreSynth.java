package dev.multivendor.coreinfra;

import com.hashicorp.cdktf.App;
import dev.multivendor.infrasupport.StateBackend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Synthesizes the core stack for a registry. This is the programmatic entry other modules use (the publisher
 * cross-check and the explain command in system-tests): {@code CoreSynth.synthesize(RegistryLoader.parse(yaml,
 * "name"), dir)}. One JVM keeps one jsii runtime, so repeated calls only pay the provider's load once.
 */
public final class CoreSynth {

    /** The core's state variables: {@code CORE_STATE_BUCKET}, {@code CORE_STATE_KEY}, {@code CORE_STATE_LOCK_TABLE}. */
    public static final String STATE_ENV_PREFIX = "CORE";
    /** The state's object key in the bucket when {@code CORE_STATE_KEY} is unset or blank. */
    public static final String DEFAULT_STATE_KEY = "core-infra/terraform.tfstate";
    /** The local state file, relative to the stack directory (cdktf.out/stacks/core): core-infra/, outside cdktf.out. */
    public static final String LOCAL_STATE_PATH = "../../../terraform.core.tfstate";

    private CoreSynth() {
    }

    /**
     * Where the core stack keeps its Terraform state: the S3 bucket {@code CORE_STATE_BUCKET} names (with
     * {@code CORE_STATE_KEY}, {@code CORE_STATE_LOCK_TABLE}; blank counts as unset), else the local file. CI must use
     * S3: a runner's disk, and a local state file with it, is gone after the job.
     */
    public static StateBackend stateBackend(Map<String, String> env) {
        return StateBackend.fromEnvironment(env, STATE_ENV_PREFIX, DEFAULT_STATE_KEY, LOCAL_STATE_PATH);
    }

    /** Writes the Terraform JSON under {@code outdir} (cdktf layout: stacks/core/cdk.tf.json). */
    public static SynthesizedStack synthesize(Registry registry, Path outdir) {
        return synthesize(registry, outdir, StateBackend.local(LOCAL_STATE_PATH));
    }

    /** The same, with the state kept where {@code backend} says (see {@link #stateBackend}). */
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
