package dev.multivendor.rehearsal;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static dev.multivendor.rehearsal.RehearsalEnvironment.VENDOR_A;
import static dev.multivendor.rehearsal.RehearsalEnvironment.VENDOR_B;

/**
 * The whole release flow on the emulator, step by step, with a table at the end:
 * emulators, core synthesized and applied, kits read, vendors' own accounts applied, both vendors signed in and
 * published, the core planned (no change but named emulator gaps), vendor A released again while vendor B's API
 * stays byte-identical, everything destroyed in reverse order, emulators stopped and their ports free again.
 * {@code main} exits 1 when a step fails.
 */
public final class Rehearsal {

    /** What a run can be asked to do differently, to show the checks fail when they should. */
    public enum Variant {
        /** The normal rehearsal. */
        NORMAL,
        /**
         * After the normal steps, one more release of vendor A goes to vendor B's API (vendor A's pipeline configured
         * with vendor B's API id, {@code --api-id} overriding its kit): the independence check must fail that step,
         * and teardown still runs. (On AWS, IAM denies vendor A's identity on vendor B's API; moto does not check.)
         */
        MISDIRECTED_RELEASE
    }

    static final String STAGE = "dev";
    static final String INDEPENDENT_RELEASE = "vendor A releases 1.1.0; vendor B's API byte-identical";
    static final String MISDIRECTED_RELEASE = "vendor A's release 1.2.0 misdirected to vendor B's API id";

    private final RehearsalConfig config;
    private final PrintStream log;
    private final Variant variant;

    public Rehearsal(RehearsalConfig config, PrintStream log, Variant variant) {
        this.config = config;
        this.log = log;
        this.variant = variant;
    }

    public static void main(String[] args) {
        RehearsalConfig config = RehearsalConfig.fromEnvironment();
        String missing = config.missing();
        if (missing != null) {
            System.err.println("rehearsal: cannot run: " + missing);
            System.exit(2);
        }
        // -Drehearsal.variant=MISDIRECTED_RELEASE shows the independence check failing (exit 1).
        Variant variant = Variant.valueOf(System.getProperty("rehearsal.variant", Variant.NORMAL.name()));
        StepTable table = new Rehearsal(config, System.out, variant).run();
        System.out.println();
        table.print(System.out);
        System.exit(table.failed() ? 1 : 0);
    }

    /** Runs every step; a failed step skips those that depend on it, but the teardown steps always run. */
    public StepTable run() {
        StepTable t = new StepTable(log);
        Duration call = config.callDeadline();
        RehearsalEnvironment env = null;
        List<Integer> ports = List.of();
        try {
            env = new RehearsalEnvironment(config);
            RehearsalEnvironment e = env;
            boolean up = t.run("start one moto_server per account", Duration.ofSeconds(120), e::startEmulators) != null;
            boolean core = up && t.run("synthesize the core stack (core-infra)", call, e::synthesizeCore) != null
                    && t.run("apply the core stack in the core account", call, e::applyCore) != null;
            boolean kits = core && t.run("read the onboarding kits from the core's outputs", call, e::readKits) != null;
            boolean vendorA = kits && t.run("synthesize vendor A's stack from its kit", call, e::synthesizeVendorA) != null
                    && t.run("apply vendor A's stack in vendor A's account", call, e::applyVendorA) != null;
            boolean vendorB = false;
            String noVendorB = !kits ? "no kits" : e.vendorBStackMissing();
            if (noVendorB == null) {
                vendorB = t.run("apply vendor B's stack in vendor B's account", call, e::applyVendorB) != null;
            } else {
                t.skip("apply vendor B's stack in vendor B's account", noVendorB);
            }
            boolean publishedA = vendorA && t.run("vendor A signs in (STS) and publishes 1.0.0", call,
                    () -> describe(e.publish(VENDOR_A, STAGE, "1.0.0"))) != null;
            boolean publishedB = kits && t.run("vendor B signs in (STS) and publishes 1.0.0", call,
                    () -> describe(e.publish(VENDOR_B, STAGE, "1.0.0"))) != null;
            if (publishedA && publishedB) {
                t.run("core plan after both releases: no change but allow-listed gaps", call, () -> {
                    PlanCheck.Verdict v = e.planCore("after-releases");
                    if (!v.clean()) {
                        throw new StepFailure(PlanCheck.describe(v));
                    }
                    return PlanCheck.describe(v);
                });
                t.run(INDEPENDENT_RELEASE, call, () -> independentRelease(e, VENDOR_A, "1.1.0"));
                if (variant == Variant.MISDIRECTED_RELEASE) {
                    t.run(MISDIRECTED_RELEASE, call, () -> independentRelease(e, VENDOR_B, "1.2.0"));
                }
            } else {
                t.skip("core plan after both releases: no change but allow-listed gaps", "a release failed");
                t.skip(INDEPENDENT_RELEASE, "a release failed");
            }
            if (vendorB) {
                t.run("destroy vendor B's stack", call, e::destroyVendorB);
            }
            if (vendorA) {
                t.run("destroy vendor A's stack (deletion protection off first)", call, e::destroyVendorA);
            }
            if (core) {
                t.run("destroy the core stack", call, e::destroyCore);
            }
            ports = env.ports();
        } catch (StepFailure e) {
            t.run("prepare the rehearsal", Duration.ofSeconds(1), () -> {
                throw e;
            });
        } finally {
            if (env != null) {
                RehearsalEnvironment e = env;
                List<Integer> used = ports.isEmpty() ? e.ports() : ports;
                t.run("stop the emulators; their ports are free again", Duration.ofSeconds(60), () -> {
                    e.close();
                    return stopped(used);
                });
            }
        }
        return t;
    }

    /**
     * Vendor A releases again, to the API of {@code apiOf} (its own, or vendor B's for the misdirected variant);
     * vendor B's API (definition, deployments, stages) must be byte-identical before and after, and vendor A's own
     * API must have a new deployment.
     */
    private String independentRelease(RehearsalEnvironment e, String apiOf, String version) {
        ApiSnapshot before = e.snapshot(VENDOR_B);
        ApiSnapshot aBefore = e.snapshot(VENDOR_A);
        Release release = e.publish(VENDOR_A, apiOf, STAGE, version);
        ApiSnapshot after = e.snapshot(VENDOR_B);
        ApiSnapshot aAfter = e.snapshot(VENDOR_A);
        String suffix = VENDOR_A.equals(apiOf) ? "" : "-misdirected";
        e.save("vendor-b-before" + suffix, before);
        e.save("vendor-b-after" + suffix, after);
        e.save("vendor-a-before" + suffix, aBefore);
        e.save("vendor-a-after" + suffix, aAfter);
        IndependenceCheck.Result r = IndependenceCheck.check(before, after, aBefore, aAfter);
        if (!r.independent()) {
            throw new StepFailure("vendor A's release " + release.version() + " (deployment " + release.deploymentId()
                    + " on API " + release.apiId() + ") changed vendor B's API: " + r.describe());
        }
        return "deployment " + release.deploymentId() + " on vendor A's API; " + r.describe();
    }

    private static String describe(Release r) {
        return "API " + r.apiId() + " stage " + r.stage() + " deployment " + r.deploymentId();
    }

    private static String stopped(List<Integer> ports) {
        List<Integer> busy = ports.stream().filter(p -> {
            try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                return false;
            } catch (IOException ex) {
                return true;
            }
        }).toList();
        int running = Processes.running();
        if (!busy.isEmpty() || running != 0) {
            throw new StepFailure("still in use after stopping: ports " + busy + ", " + running + " process(es)");
        }
        return "ports " + ports.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " free, no process left";
    }
}
