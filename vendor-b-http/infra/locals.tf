locals {
  # Validated by var.kit_file's validation blocks before anything reads it.
  kit = jsondecode(file(var.kit_file))

  name = "${local.kit.vendorId}-tickets-${var.stage}"

  # The kit's shared names: the vendor tag key the core team's policies match on.
  vendor_tag_key = try(local.kit.names.vendorTagKey, "vendor")

  tags = {
    (local.vendor_tag_key) = local.kit.vendorId
    stage                  = var.stage
    # Which API in the core account calls this service (the HTTP proxy integration's backend).
    api          = "arn:aws:apigateway:${local.kit.region}::/restapis/${local.kit.apiId}"
    "managed-by" = "terraform"
  }

  container_name = "tickets"
  container_port = 8080
  database_name  = "tickets"
}

data "aws_availability_zones" "available" {
  state = "available"
}
