# The AWS provider version the jobs that apply or validate stacks offline mirror (setup-toolchain with
# aws-provider-mirror: 'true' runs `terraform providers mirror` here). Dependabot's terraform ecosystem updates it;
# every stack in the repository accepts it (core and vendor A: CDKTF's provider bindings 5.x, vendor B: ~> 5.100).
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}
