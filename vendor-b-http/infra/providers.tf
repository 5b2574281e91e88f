# Plain on purpose: region from the core team's onboarding kit, and a guard against applying in the wrong account.
provider "aws" {
  region              = local.kit.region
  allowed_account_ids = [var.vendor_account_id]
}
