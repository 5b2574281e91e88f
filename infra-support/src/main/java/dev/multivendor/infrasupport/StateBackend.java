package dev.multivendor.infrasupport;

import com.hashicorp.cdktf.LocalBackend;
import com.hashicorp.cdktf.LocalBackendConfig;
import com.hashicorp.cdktf.S3Backend;
import com.hashicorp.cdktf.S3BackendConfig;
import com.hashicorp.cdktf.TerraformStack;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a stack keeps its Terraform state: a local file for a first try-out, or an S3 bucket (encrypted, optionally
 * locked with a DynamoDB table) chosen at synthesis time from {@code <PREFIX>_STATE_BUCKET}, {@code
 * <PREFIX>_STATE_KEY} and {@code <PREFIX>_STATE_LOCK_TABLE}. Each stack has its own prefix (CORE, VENDOR_A, ...) and
 * its own bucket: a vendor never shares the core team's state. A blank variable counts as unset everywhere.
 *
 * @param bucket    the S3 bucket; null for the local file
 * @param key       the object key of the state in the bucket; null for the local file
 * @param lockTable the DynamoDB table for state locking, if any
 * @param localPath the local state file, relative to the synthesized stack directory (used when bucket is null)
 */
public record StateBackend(String bucket, String key, Optional<String> lockTable, String localPath) {

    public StateBackend {
        Objects.requireNonNull(lockTable, "lockTable");
        Objects.requireNonNull(localPath, "localPath");
        if (bucket != null && (key == null || key.isBlank())) {
            throw new IllegalArgumentException("an S3 state backend needs a key");
        }
    }

    /** The local file {@code localPath}, relative to the synthesized stack directory. */
    public static StateBackend local(String localPath) {
        return new StateBackend(null, null, Optional.empty(), localPath);
    }

    /** An S3 backend; a blank key means {@code defaultKey}, a blank lock table none. */
    public static StateBackend s3(String bucket, String key, String defaultKey, String lockTable, String localPath) {
        return new StateBackend(bucket.strip(), blank(key) ? defaultKey : key.strip(),
                Optional.ofNullable(lockTable).filter(t -> !t.isBlank()).map(String::strip), localPath);
    }

    /**
     * The backend {@code <prefix>_STATE_BUCKET} (and {@code _KEY}, {@code _LOCK_TABLE}) name, or the local file when
     * no bucket is set.
     */
    public static StateBackend fromEnvironment(Map<String, String> env, String prefix, String defaultKey,
                                               String localPath) {
        String bucket = env.get(prefix + "_STATE_BUCKET");
        if (blank(bucket)) {
            return local(localPath);
        }
        return s3(bucket, env.get(prefix + "_STATE_KEY"), defaultKey, env.get(prefix + "_STATE_LOCK_TABLE"), localPath);
    }

    public boolean isLocal() {
        return bucket == null;
    }

    /** For summary lines: {@code s3://bucket/key (lock table t)} or {@code local file PATH}. */
    public String describe() {
        return isLocal() ? "local file " + localPath
                : "s3://" + bucket + "/" + key + lockTable.map(t -> " (lock table " + t + ")").orElse("");
    }

    /**
     * Declares this backend in {@code stack}. The local path is always given explicitly: without one cdktf writes the
     * absolute working directory into the output, which then differs between checkouts. The S3 backend lives in
     * {@code region} and is always encrypted.
     */
    public void addTo(TerraformStack stack, String region) {
        if (isLocal()) {
            new LocalBackend(stack, LocalBackendConfig.builder().path(localPath).build());
        } else {
            S3BackendConfig.Builder s3 = S3BackendConfig.builder().bucket(bucket).key(key).region(region).encrypt(true);
            lockTable.ifPresent(s3::dynamodbTable);
            new S3Backend(stack, s3.build());
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
