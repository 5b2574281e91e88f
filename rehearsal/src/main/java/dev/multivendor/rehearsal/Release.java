package dev.multivendor.rehearsal;

/** One vendor release the rehearsal published: which API and stage, which version, the deployment it created. */
public record Release(String vendorId, String apiId, String stage, String version, String deploymentId,
                      String publisherOutput) {
}
