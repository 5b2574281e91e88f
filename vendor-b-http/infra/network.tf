# Two availability zones, each with a public subnet (the load balancer, the NAT gateway) and a private subnet (the
# tasks and the database). Nothing in a private subnet has a public address.
locals {
  zones = slice(data.aws_availability_zones.available.names, 0, 2)
}

resource "aws_vpc" "this" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = merge(local.tags, { Name = local.name })
}

resource "aws_subnet" "public" {
  count                   = 2
  vpc_id                  = aws_vpc.this.id
  availability_zone       = local.zones[count.index]
  cidr_block              = cidrsubnet(var.vpc_cidr, 4, count.index)
  map_public_ip_on_launch = false
  tags                    = merge(local.tags, { Name = "${local.name}-public-${local.zones[count.index]}", tier = "public" })
}

resource "aws_subnet" "private" {
  count             = 2
  vpc_id            = aws_vpc.this.id
  availability_zone = local.zones[count.index]
  cidr_block        = cidrsubnet(var.vpc_cidr, 4, count.index + 8)
  tags              = merge(local.tags, { Name = "${local.name}-private-${local.zones[count.index]}", tier = "private" })
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
  tags   = merge(local.tags, { Name = local.name })
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id
  tags   = merge(local.tags, { Name = "${local.name}-public" })
}

resource "aws_route" "public_internet" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this.id
}

resource "aws_route_table_association" "public" {
  count          = 2
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

# Outbound only, for the tasks: ECR, Secrets Manager, CloudWatch Logs and the customer directory.
resource "aws_eip" "nat" {
  domain = "vpc"
  tags   = merge(local.tags, { Name = "${local.name}-nat" })
}

resource "aws_nat_gateway" "this" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public[0].id
  tags          = merge(local.tags, { Name = local.name })
  depends_on    = [aws_internet_gateway.this]
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.this.id
  tags   = merge(local.tags, { Name = "${local.name}-private" })
}

resource "aws_route" "private_outbound" {
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.this.id
}

resource "aws_route_table_association" "private" {
  count          = 2
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private.id
}

# Who may talk to whom: internet -> load balancer :443 -> tasks :8080 -> database :5432. Nothing else comes in.
resource "aws_security_group" "alb" {
  name        = "${local.name}-alb"
  description = "HTTPS from API Gateway (public endpoints) to the load balancer"
  vpc_id      = aws_vpc.this.id
  tags        = local.tags
}

resource "aws_security_group" "task" {
  name        = "${local.name}-task"
  description = "The service tasks: from the load balancer only"
  vpc_id      = aws_vpc.this.id
  tags        = local.tags
}

resource "aws_security_group" "db" {
  name        = "${local.name}-db"
  description = "The ticket database: from the service tasks only"
  vpc_id      = aws_vpc.this.id
  tags        = local.tags
}

resource "aws_security_group_rule" "alb_in_https" {
  security_group_id = aws_security_group.alb.id
  type              = "ingress"
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  # API Gateway's HTTP integrations call from AWS's public ranges, not from fixed addresses: the X-Origin-Verify
  # header, checked by the service, is what tells the gateway's calls apart.
  cidr_blocks = ["0.0.0.0/0"]
  description = "HTTPS from API Gateway"
}

resource "aws_security_group_rule" "alb_out_task" {
  security_group_id        = aws_security_group.alb.id
  type                     = "egress"
  protocol                 = "tcp"
  from_port                = local.container_port
  to_port                  = local.container_port
  source_security_group_id = aws_security_group.task.id
  description              = "To the tasks"
}

resource "aws_security_group_rule" "task_in_alb" {
  security_group_id        = aws_security_group.task.id
  type                     = "ingress"
  protocol                 = "tcp"
  from_port                = local.container_port
  to_port                  = local.container_port
  source_security_group_id = aws_security_group.alb.id
  description              = "From the load balancer"
}

resource "aws_security_group_rule" "task_out_https" {
  security_group_id = aws_security_group.task.id
  type              = "egress"
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["0.0.0.0/0"]
  description       = "ECR, Secrets Manager, CloudWatch Logs, the customer directory"
}

resource "aws_security_group_rule" "task_out_db" {
  security_group_id        = aws_security_group.task.id
  type                     = "egress"
  protocol                 = "tcp"
  from_port                = 5432
  to_port                  = 5432
  source_security_group_id = aws_security_group.db.id
  description              = "To the ticket database"
}

resource "aws_security_group_rule" "db_in_task" {
  security_group_id        = aws_security_group.db.id
  type                     = "ingress"
  protocol                 = "tcp"
  from_port                = 5432
  to_port                  = 5432
  source_security_group_id = aws_security_group.task.id
  description              = "From the service tasks"
}
