package dev.multivendor.coreinfra;

import java.util.Map;
import java.util.Optional;

/**
 * Where the core stack keeps its Terraform state. A local file ({@code core-infra/terraform.core.tfstate}) by
 * default, for a first try-out; an S3 bucket in the core account for real use, chosen at synthesis time with
 * {@code CORE_STATE_BUCKET} (and optionally {@code CORE_STATE_KEY}, {@code CORE_STATE_LOCK_TABLE}). CI must use S3:
 * a runner's disk, and a local state file with it, is gone after the job.
 */
public record StateBackend(String bucket, String key, Optional<String> lockTable) {

    /** Relative to the stack directory (cdktf.out/stacks/core): core-infra/, outside cdktf.out. */
    public static final String LOCAL_STATE_PATH = "../../../terraform.core.tfstate";
    public static final String DEFAULT_KEY = "core-infra/terraform.tfstate";

    public static StateBackend local() {
        return new StateBackend(null, null, Optional.empty());
    }

    public static StateBackend s3(String bucket, String key, String lockTable) {
        return new StateBackend(bucket, key == null || key.isBlank() ? DEFAULT_KEY : key,
                Optional.ofNullable(lockTable).filter(t -> !t.isBlank()));
    }

    public static StateBackend fromEnvironment(Map<String, String> env) {
        String bucket = env.get("CORE_STATE_BUCKET");
        if (bucket == null || bucket.isBlank()) {
            return local();
        }
        return s3(bucket.strip(), env.get("CORE_STATE_KEY"), env.get("CORE_STATE_LOCK_TABLE"));
    }

    public boolean isLocal() {
        return bucket == null;
    }

    /** For the summary line: where the state lives. */
    public String describe() {
        return isLocal() ? "local file core-infra/terraform.core.tfstate"
                : "s3://" + bucket + "/" + key + lockTable.map(t -> " (lock table " + t + ")").orElse("");
    }
}
