package dev.multivendor.vendora.infra;

import java.util.Map;

/**
 * Where this stack keeps its Terraform state: a local file by default (a first try-out), an S3 bucket of vendor A's
 * own account for real use (VENDOR_A_STATE_BUCKET, optionally VENDOR_A_STATE_KEY and VENDOR_A_STATE_LOCK_TABLE).
 * Never the core team's state: vendor A applies this stack on its own schedule.
 */
public record StateBackend(String bucket, String key, String lockTable) {

    public static final String LOCAL_STATE_FILE = "terraform.vendor-a-lambda.tfstate";
    static final String DEFAULT_KEY = "vendor-a-lambda/terraform.tfstate";

    public static StateBackend local() {
        return new StateBackend(null, null, null);
    }

    public static StateBackend fromEnvironment(Map<String, String> env) {
        String bucket = env.get("VENDOR_A_STATE_BUCKET");
        if (bucket == null || bucket.isBlank()) {
            return local();
        }
        String key = env.getOrDefault("VENDOR_A_STATE_KEY", DEFAULT_KEY);
        return new StateBackend(bucket, key, env.get("VENDOR_A_STATE_LOCK_TABLE"));
    }

    public boolean isLocal() {
        return bucket == null;
    }
}
