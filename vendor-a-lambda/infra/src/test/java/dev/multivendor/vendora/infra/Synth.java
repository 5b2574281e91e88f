package dev.multivendor.vendora.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import com.hashicorp.cdktf.Testing;

import java.nio.file.Path;

/** Test fixture: synthesizes the stack (one jsii runtime per test JVM, so the provider loads once). */
final class Synth {

    static final Path KITS = Path.of("src/test/resources/kits");

    private Synth() {
    }

    static String json(StateBackend state, String artifact) throws KitException {
        App app = new App(AppConfig.builder().outdir("target/cdktf.out").build());
        VendorALambdaStack stack = new VendorALambdaStack(app, OnboardingKit.load(KITS.resolve("vendor-a.json")), state,
                artifact);
        return Testing.synth(stack);
    }

    static String json(StateBackend state) throws KitException {
        return json(state, VendorALambdaStack.DEFAULT_ARTIFACT);
    }

    static JsonNode tree(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }
}
