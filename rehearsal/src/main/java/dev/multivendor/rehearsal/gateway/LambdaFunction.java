package dev.multivendor.rehearsal.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A published Lambda function version (or alias) the rehearsal can run: its packaged artifact, handler and
 * environment, as the function's own-account stack configures them, plus the API ids its resource policy lets
 * API Gateway invoke it from.
 *
 * @param functionArn        the qualified ARN an integration URI names (an alias or version ARN)
 * @param artifact           the deployment package (a jar)
 * @param handler            the handler string, e.g. {@code package.Class::method}
 * @param environment        the function's environment variables
 * @param allowedSourceApiIds API ids the function's resource policy allows ({@code SourceArn} pinned to them)
 * @param maxEnvironments    how many execution environments may run at once (Lambda scales out per request)
 * @param jvmOptions         JVM options, by default the {@code java21} managed runtime's (C1 only, serial GC)
 * @param timeout            the function's timeout: an invocation running longer is stopped with its environment
 * @param snapStart          SnapStart on published versions: the version is initialized when it is published, not on
 *                           the first request (the rehearsal starts one environment at {@link LambdaRuntime#register})
 */
public record LambdaFunction(String functionArn, Path artifact, String handler, Map<String, String> environment,
                             Set<String> allowedSourceApiIds, int maxEnvironments, List<String> jvmOptions,
                             Duration timeout, boolean snapStart) {

    /** What Lambda's Java managed runtimes start the JVM with (tiered compilation stopped at C1, serial GC). */
    public static final List<String> LAMBDA_JVM_OPTIONS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");

    public LambdaFunction {
        Objects.requireNonNull(functionArn, "functionArn");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(handler, "handler");
        environment = Map.copyOf(environment);
        allowedSourceApiIds = Set.copyOf(allowedSourceApiIds);
        jvmOptions = List.copyOf(jvmOptions);
        Objects.requireNonNull(timeout, "timeout");
        if (maxEnvironments < 1) {
            throw new IllegalArgumentException("maxEnvironments must be at least 1");
        }
    }

    public LambdaFunction(String functionArn, Path artifact, String handler, Map<String, String> environment,
                          Set<String> allowedSourceApiIds) {
        this(functionArn, artifact, handler, environment, allowedSourceApiIds, 2, LAMBDA_JVM_OPTIONS,
                Duration.ofSeconds(29), false);
    }

    /** The function name in the ARN ({@code arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}). */
    public String functionName() {
        String[] parts = functionArn.split(":");
        return parts.length > 6 ? parts[6] : functionArn;
    }

    /** The qualifier in the ARN (alias or version), {@code $LATEST} when there is none. */
    public String qualifier() {
        String[] parts = functionArn.split(":");
        return parts.length > 7 ? parts[7] : "$LATEST";
    }

    /** The region in the ARN. */
    public String region() {
        String[] parts = functionArn.split(":");
        return parts.length > 3 ? parts[3] : "us-east-1";
    }
}
