package dev.multivendor.coreinfra;

import com.hashicorp.cdktf.MapTerraformIterator;
import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.providers.aws.api_gateway_base_path_mapping.ApiGatewayBasePathMapping;
import com.hashicorp.cdktf.providers.aws.api_gateway_domain_name.ApiGatewayDomainName;
import com.hashicorp.cdktf.providers.aws.api_gateway_domain_name.ApiGatewayDomainNameEndpointConfiguration;
import dev.multivendor.coreinfra.Registry.CustomDomain;
import dev.multivendor.coreinfra.Registry.Vendor;
import software.constructs.Construct;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Regional custom domains owned by the core: one host per vendor, {@code <subdomain>.<name>}, so that each vendor is
 * its own browser origin (one vendor's script or cookies cannot act on another's API), all under the one wildcard
 * certificate. Each host maps its root to the vendor's API at the configured stage. Vendors get no permission on
 * either (the deny on {@code /domainnames/*}). DNS (alias records) is outside this stack.
 */
final class CustomDomains {

    /** TLS 1.2 at least on the custom domain (API Gateway's TLS_1_0 policy would also accept 1.0 and 1.1). */
    static final String DOMAIN_SECURITY_POLICY = "TLS_1_2";

    private CustomDomains() {
    }

    static void add(Construct scope, Registry registry, CustomDomain domain, MapTerraformIterator eachVendor,
                    String apiOfVendor) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(Names.CORE_MANAGED_TAG, Names.CORE_MANAGED_VALUE);
        tags.put("purpose", "custom domain of one vendor API");
        ApiGatewayDomainName.Builder.create(scope, "custom_domain")
                .forEach(eachVendor)
                .domainName("${each.value.host}")
                .regionalCertificateArn(domain.certificateArn())
                .endpointConfiguration(ApiGatewayDomainNameEndpointConfiguration.builder()
                        .types(List.of("REGIONAL")).build())
                .securityPolicy(DOMAIN_SECURITY_POLICY)
                .tags(tags)
                .build();
        // stage_name is read from the stage resource, so a mapping is created only after its stage exists; no
        // base_path: the vendor's API answers at the root of its own host.
        ApiGatewayBasePathMapping.Builder.create(scope, "base_path")
                .forEach(eachVendor)
                .domainName("${aws_api_gateway_domain_name.custom_domain[each.key].domain_name}")
                .apiId(apiOfVendor)
                .stageName("${aws_api_gateway_stage.stage[each.value.domain_stage_key].stage_name}")
                .build();
        Map<String, Object> dns = new LinkedHashMap<>();
        for (Vendor v : registry.vendors()) {
            String ref = "aws_api_gateway_domain_name.custom_domain[\"" + v.id() + "\"]";
            Map<String, String> d = new LinkedHashMap<>();
            d.put("domainName", "${" + ref + ".domain_name}");
            d.put("regionalDomainName", "${" + ref + ".regional_domain_name}");
            d.put("regionalZoneId", "${" + ref + ".regional_zone_id}");
            d.put("stage", domain.stage());
            dns.put(v.id(), d);
        }
        TerraformOutput.Builder.create(scope, "custom_domain_dns")
                .description("The core's custom domains, one per vendor: point a DNS alias (A/AAAA) record for each "
                        + "domainName at its regionalDomainName in hosted zone regionalZoneId")
                .value(dns)
                .build();
    }
}
