# An example of one stage's settings; the release workflow passes the same values from its environment.
kit_file               = "examples/onboarding-kit.vendor-b.json"
vendor_account_id      = "222222222222"
stage                  = "dev"
certificate_arn        = "arn:aws:acm:eu-west-1:222222222222:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
image_tag              = "1.0.0"
customer_directory_url = "https://customers.vendor-b.example"
