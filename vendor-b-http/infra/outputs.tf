# Names and addresses only: no secret value is an output (the secrets' ARNs say where they are, not what they are).
output "backend_url" {
  description = "The HTTPS endpoint for the API's HTTP proxy integration (use a DNS name on the certificate in production)."
  value       = "https://${aws_lb.this.dns_name}"
}

output "ecr_repository_url" {
  description = "Where the release workflow pushes the image."
  value       = aws_ecr_repository.this.repository_url
}

output "ecs_cluster" {
  value = aws_ecs_cluster.this.name
}

output "ecs_service" {
  value = aws_ecs_service.this.name
}

output "origin_verify_secret_arn" {
  description = "The X-Origin-Verify secret; the publish step reads its value from here with vendor B's role."
  value       = aws_secretsmanager_secret.origin_verify.arn
}

output "database_endpoint" {
  description = "Host:port of the ticket database (private subnets only)."
  value       = aws_db_instance.this.endpoint
}

output "database_secret_arn" {
  description = "Secrets Manager secret with the database credentials, managed and rotated by RDS."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}
