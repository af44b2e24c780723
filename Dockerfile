# syntax=docker/dockerfile:1
# The logs service: a JDK 17 stage builds the fat jar, a JRE 17 stage runs it as a non-root user.
#   docker build -t logs-service .
#   docker run -p 8004:8004 -v logs-data:/data logs-service          # demo mode: no SSH_HOST
# See docker-compose.yml for the real set-up (SSH keys, .env files) and docs/configuration.md for the variables.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY logs-core logs-core
COPY logs-categorizer logs-categorizer
COPY logs-fakecluster logs-fakecluster
COPY logs-testkit logs-testkit
COPY logs-sync-ssh logs-sync-ssh
COPY logs-search logs-search
COPY logs-micronaut-app logs-micronaut-app
RUN --mount=type=cache,target=/root/.m2 ./mvnw -q -B -pl logs-micronaut-app -am package -DskipTests

FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 app \
 && mkdir -p /data /app \
 && chown app:app /data /app
COPY --from=build /src/logs-micronaut-app/target/logs-service.jar /app/logs-service.jar
USER app
WORKDIR /app
# TZ: the API writes naive local times as the original did; UTC in the container, as the original's was.
ENV DATA_DIR=/data \
    PORT=8004 \
    TZ=UTC
EXPOSE 8004
VOLUME /data
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD curl -fsS http://localhost:8004/health || exit 1
# exec form: java is PID 1 and gets SIGTERM, which closes the mirror cleanly (a running sync is cancelled).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/logs-service.jar"]
