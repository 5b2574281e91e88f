package dev.multivendor.vendora.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import com.hashicorp.cdktf.Testing;
import dev.multivendor.infrasupport.StateBackend;

import java.nio.file.Path;
import java.util.Map;

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

    static StateBackend localState() {
        return StateBackend.local(VendorALambdaStack.LOCAL_STATE_FILE);
    }

    /** The state backend Main would choose with {@code env}. */
    static StateBackend state(Map<String, String> env) {
        return StateBackend.fromEnvironment(env, VendorALambdaStack.STATE_ENV_PREFIX,
                VendorALambdaStack.STATE_DEFAULT_KEY, VendorALambdaStack.LOCAL_STATE_FILE);
    }

    static String json(StateBackend state) throws KitException {
        return json(state, VendorALambdaStack.DEFAULT_ARTIFACT);
    }

    static JsonNode tree(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }
}
