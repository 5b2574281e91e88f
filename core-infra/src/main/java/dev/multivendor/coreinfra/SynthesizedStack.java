package dev.multivendor.coreinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The synthesized Terraform JSON of the core stack: where it was written, and its content. */
public final class SynthesizedStack {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Registry registry;
    private final Path outdir;
    private final Path stackFile;

    SynthesizedStack(Registry registry, Path outdir, Path stackFile) {
        this.registry = registry;
        this.outdir = outdir;
        this.stackFile = stackFile;
    }

    public Registry registry() {
        return registry;
    }

    /** The cdktf output directory (manifest.json, stacks/). */
    public Path outdir() {
        return outdir;
    }

    /** {@code <outdir>/stacks/core/cdk.tf.json}; its directory is where {@code terraform init/plan} runs. */
    public Path stackFile() {
        return stackFile;
    }

    public JsonNode json() {
        try {
            return JSON.readTree(stackFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stackFile, e);
        }
    }
}
