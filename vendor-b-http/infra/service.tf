resource "aws_ecs_cluster" "this" {
  name = local.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }

  tags = local.tags
}

resource "aws_ecs_task_definition" "this" {
  family                   = local.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "1024"
  memory                   = "2048"
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  # The root file system is read-only; the JVM's temporary files go to this task-local volume.
  volume {
    name = "tmp"
  }

  container_definitions = jsonencode([{
    name      = local.container_name
    image     = "${aws_ecr_repository.this.repository_url}:${var.image_tag}"
    essential = true
    # The image's own user (uid 65532), stated again so the task never runs as root whatever the image says.
    user                   = "65532:65532"
    readonlyRootFilesystem = true
    mountPoints            = [{ sourceVolume = "tmp", containerPath = "/tmp", readOnly = false }]
    portMappings           = [{ containerPort = local.container_port, protocol = "tcp" }]
    stopTimeout            = 30

    environment = [
      { name = "MICRONAUT_ENVIRONMENTS", value = "deployed" },
      { name = "MICRONAUT_SERVER_PORT", value = tostring(local.container_port) },
      { name = "CUSTOMER_DIRECTORY_URL", value = var.customer_directory_url },
      # TLS to the database (the parameter group refuses anything else).
      { name = "DATASOURCES_DEFAULT_URL", value = "jdbc:postgresql://${aws_db_instance.this.endpoint}/${local.database_name}?sslmode=require" },
    ]
    # Injected by ECS from Secrets Manager at start: never in the task definition, the plan or the state.
    secrets = [
      { name = "DATASOURCES_DEFAULT_USERNAME", valueFrom = "${aws_db_instance.this.master_user_secret[0].secret_arn}:username::" },
      { name = "DATASOURCES_DEFAULT_PASSWORD", valueFrom = "${aws_db_instance.this.master_user_secret[0].secret_arn}:password::" },
      { name = "ORIGIN_VERIFY_SECRETS", valueFrom = aws_secretsmanager_secret.origin_verify.arn },
    ]

    # Liveness from inside the container, with bash's /dev/tcp (no curl in a JRE image).
    healthCheck = {
      command     = ["CMD-SHELL", "exec 3<>/dev/tcp/127.0.0.1/${local.container_port} && printf 'GET /health/liveness HTTP/1.0\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]
      interval    = 15
      timeout     = 5
      retries     = 3
      startPeriod = 30
    }

    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.service.name
        awslogs-region        = local.kit.region
        awslogs-stream-prefix = "tickets"
      }
    }
  }])

  tags       = local.tags
  depends_on = [aws_secretsmanager_secret_version.origin_verify]
}

resource "aws_ecs_service" "this" {
  name             = "tickets"
  cluster          = aws_ecs_cluster.this.id
  task_definition  = aws_ecs_task_definition.this.arn
  desired_count    = var.desired_count
  launch_type      = "FARGATE"
  platform_version = "LATEST"

  network_configuration {
    subnets          = aws_subnet.private[*].id
    security_groups  = [aws_security_group.task.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.this.arn
    container_name   = local.container_name
    container_port   = local.container_port
  }

  health_check_grace_period_seconds  = 60
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  # A release whose tasks never become healthy is rolled back to the previous task definition.
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  wait_for_steady_state = false
  propagate_tags        = "SERVICE"
  tags                  = local.tags

  depends_on = [aws_lb_listener.https, aws_iam_role_policy.execution]
}
