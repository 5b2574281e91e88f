variable "kit_file" {
  description = "Path of the core team's onboarding kit for vendor-b (JSON, kit version 1): core-infra's `terraform output -json onboarding | jq '.\"vendor-b\"'`."
  type        = string

  validation {
    condition     = fileexists(var.kit_file)
    error_message = "${var.kit_file}: no such file. Save the core team's onboarding kit for vendor-b there (core-infra: terraform output -json onboarding | jq '.\"vendor-b\"')."
  }
  validation {
    condition     = can(jsondecode(file(var.kit_file)))
    error_message = "${var.kit_file}: not valid JSON."
  }
  validation {
    condition     = try(jsondecode(file(var.kit_file)).kitVersion == 1, false)
    error_message = "${var.kit_file}: field kitVersion must be 1 (this stack reads onboarding kit version 1) (found ${jsonencode(try(jsondecode(file(var.kit_file)).kitVersion, null))})."
  }
  validation {
    condition     = try(jsondecode(file(var.kit_file)).vendorId == "vendor-b", false)
    error_message = "${var.kit_file}: field vendorId must be \"vendor-b\": this stack deploys vendor B's service, so it takes vendor B's kit only."
  }
  validation {
    condition     = try(can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", jsondecode(file(var.kit_file)).region)), false)
    error_message = "${var.kit_file}: field region must be an AWS region such as eu-west-1 (found ${jsonencode(try(jsondecode(file(var.kit_file)).region, null))})."
  }
  validation {
    condition     = try(can(regex("^[0-9]{12}$", jsondecode(file(var.kit_file)).coreAccountId)), false)
    error_message = "${var.kit_file}: field coreAccountId must be the core team's 12-digit AWS account id (found ${jsonencode(try(jsondecode(file(var.kit_file)).coreAccountId, null))})."
  }
  validation {
    condition     = try(!can(regex("[*?]", jsondecode(file(var.kit_file)).apiId)), false)
    error_message = "${var.kit_file}: field apiId is a wildcard; it must name vendor B's own API (found ${jsonencode(try(jsondecode(file(var.kit_file)).apiId, null))})."
  }
  validation {
    condition     = try(can(regex("^[a-z0-9]{10}$", jsondecode(file(var.kit_file)).apiId)), false)
    error_message = "${var.kit_file}: field apiId must be the REST API id from the kit: ten lower-case letters and digits, e.g. b1c2d3e4f5 (found ${jsonencode(try(jsondecode(file(var.kit_file)).apiId, null))})."
  }
  validation {
    condition     = try(jsondecode(file(var.kit_file)).integration == "http", false)
    error_message = "${var.kit_file}: field integration must be \"http\": vendor B's API calls this service through an HTTP proxy integration."
  }
  validation {
    condition     = try(length(keys(jsondecode(file(var.kit_file)).stages)) > 0, false)
    error_message = "${var.kit_file}: field stages must name at least one stage."
  }
}

variable "vendor_account_id" {
  description = "Vendor B's own AWS account (12 digits): the provider refuses to run in any other."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.vendor_account_id))
    error_message = "vendor_account_id must be a 12-digit AWS account id."
  }
}

variable "stage" {
  description = "The API stage this deployment serves (a key of the kit's stages), e.g. dev or prod; part of every name."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,15}$", var.stage))
    error_message = "stage must be 1 to 16 lower-case letters, digits or hyphens, starting with a letter."
  }
  validation {
    condition     = try(contains(keys(jsondecode(file(var.kit_file)).stages), var.stage), false)
    error_message = "stage ${jsonencode(var.stage)} is not one of the kit's stages (${var.kit_file}: stages)."
  }
}

variable "certificate_arn" {
  description = "ACM certificate (in the kit's region) for the load balancer's HTTPS listener."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[A-Za-z0-9-]+$", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN, arn:aws:acm:<region>:<account>:certificate/<id>."
  }
}

variable "image_tag" {
  description = "Tag of the service image in this stack's ECR repository (the release version the workflow pushed)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag))
    error_message = "image_tag must be a Docker tag: letters, digits, _ . - (at most 128)."
  }
}

variable "customer_directory_url" {
  description = "Base URL of the customer directory the service looks customers up in (GET {url}/customers/{id})."
  type        = string

  validation {
    condition     = can(regex("^https://[^/]+", var.customer_directory_url))
    error_message = "customer_directory_url must be an https URL (the tasks may only connect out on port 443)."
  }
}

variable "vpc_cidr" {
  description = "The VPC's address range; subnets are /20 blocks of it."
  type        = string
  default     = "10.42.0.0/16"

  validation {
    condition     = can(cidrnetmask(var.vpc_cidr)) && tonumber(split("/", var.vpc_cidr)[1]) <= 18
    error_message = "vpc_cidr must be an IPv4 CIDR block of /18 or larger."
  }
}

variable "desired_count" {
  description = "Running tasks; 2 or more spreads them over both availability zones."
  type        = number
  default     = 2

  validation {
    condition     = var.desired_count >= 1 && var.desired_count <= 20 && floor(var.desired_count) == var.desired_count
    error_message = "desired_count must be a whole number from 1 to 20."
  }
}

variable "db_instance_class" {
  description = "RDS instance class of the ticket database."
  type        = string
  default     = "db.t4g.micro"

  validation {
    condition     = can(regex("^db\\.[a-z0-9]+\\.[a-z0-9]+$", var.db_instance_class))
    error_message = "db_instance_class must be an RDS instance class such as db.t4g.micro."
  }
}

variable "db_multi_az" {
  description = "A standby in the second availability zone (recommended for prod)."
  type        = bool
  default     = false
}

variable "deletion_protection" {
  description = "Refuse to delete the database and the load balancer; turn off only to tear a stage down."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "Days CloudWatch Logs keeps the service's and the database's logs (one of the values CloudWatch accepts)."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a retention CloudWatch Logs accepts, e.g. 7, 30, 90, 365."
  }
}

variable "origin_secret_version" {
  description = "Raise it by one to write a new random origin secret (X-Origin-Verify); see README.md for the rotation."
  type        = number
  default     = 1

  validation {
    condition     = var.origin_secret_version >= 1 && floor(var.origin_secret_version) == var.origin_secret_version
    error_message = "origin_secret_version must be a whole number, 1 or more."
  }
}
