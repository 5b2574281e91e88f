terraform {
  # 1.11: write-only arguments (the origin secret's value never reaches the state) and ephemeral resources.
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }

  # S3 in vendor B's own account, configured at `terraform init` with -backend-config (bucket, key, region): see
  # README.md. Local runs and tests use `terraform init -backend=false`, or a `*_override.tf` with another backend.
  backend "s3" {}
}
