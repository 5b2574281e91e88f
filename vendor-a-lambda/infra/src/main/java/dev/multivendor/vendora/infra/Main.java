package dev.multivendor.vendora.infra;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import dev.multivendor.infrasupport.StateBackend;

import java.nio.file.Path;

/**
 * Synthesizes vendor A's stack to cdktf.out/stacks/vendor-a-lambda. Arguments: [onboarding kit JSON]
 * (default onboarding-kit.json, or VENDOR_A_ONBOARDING_KIT). VENDOR_A_ARTIFACT overrides the jar path and
 * VENDOR_A_STATE_BUCKET selects the S3 state backend (see StateBackend).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Path base = Path.of(System.getProperty("vendora.infra.dir", "."));
        String kitArg = args.length > 0 ? args[0]
                : System.getenv().getOrDefault("VENDOR_A_ONBOARDING_KIT", "onboarding-kit.json");
        Path kitPath = base.resolve(kitArg).normalize();
        OnboardingKit kit;
        try {
            kit = OnboardingKit.load(kitPath);
        } catch (KitException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        String artifact = System.getenv().getOrDefault("VENDOR_A_ARTIFACT", VendorALambdaStack.DEFAULT_ARTIFACT);
        App app = new App(AppConfig.builder().outdir(base.resolve("cdktf.out").toString()).build());
        new VendorALambdaStack(app, kit, StateBackend.fromEnvironment(System.getenv(),
                VendorALambdaStack.STATE_ENV_PREFIX, VendorALambdaStack.STATE_DEFAULT_KEY,
                VendorALambdaStack.LOCAL_STATE_FILE), artifact);
        app.synth();
        System.out.println("Synthesized " + base.resolve("cdktf.out/stacks/" + VendorALambdaStack.STACK_NAME)
                + " for API " + kit.apiId() + " in " + kit.coreAccountId() + " (" + kit.region() + ")");
    }
}
