# syntax=docker/dockerfile:1.7
# One image per FedImpute module, from this one file:
#
#   docker build --build-arg MODULE=job-processor --build-arg PORT=8003 -t fedimpute/job-processor .
#   docker build --target demo-panel -t fedimpute/demo-panel .      # writes the imputation node's demo panel
#
# With JAR_SOURCE=prebuilt the image takes the jar that `./mvnw package` already made (<module>/target/<module>.jar)
# instead of compiling it again, as a CI pipeline that has just built and tested the jars would:
#
#   docker build --build-arg MODULE=job-processor --build-arg PORT=8003 --build-arg JAR_SOURCE=prebuilt .
#
# The build stage compiles the module with the Maven wrapper; the runtime stage holds Spring Boot's layers (dependencies first, the application last, so a code change rebuilds only the top
# layer) on a Temurin JRE, runs as an unprivileged user and reports readiness to Docker. The imputation node's image
# also carries Beagle 5.4 and tabix/bcftools.

ARG JAVA_MAJOR=25
ARG JAR_SOURCE=build

# ---- source: the reactor (tests and benchmarks are CI's job, not the image's) -------------------------------------
FROM eclipse-temurin:${JAVA_MAJOR}-jdk AS source
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY platform-events/ platform-events/
COPY platform-test/ platform-test/
COPY platform-service-starter/ platform-service-starter/
COPY api-gateway/ api-gateway/
COPY user-service/ user-service/
COPY service-registry/ service-registry/
COPY job-processor/ job-processor/
COPY file-manager/ file-manager/
COPY notification-service/ notification-service/
COPY monitoring-service/ monitoring-service/
COPY imputation-node/ imputation-node/
COPY platform-e2e/pom.xml platform-e2e/pom.xml

# ---- build: the module's executable jar --------------------------------------------------------------------------
FROM source AS build
ARG MODULE
RUN test -n "$MODULE" || { echo "build with --build-arg MODULE=<module>, e.g. MODULE=api-gateway" >&2; exit 1; }
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -pl "$MODULE" -am -DskipTests -Dspotless.check.skip=true -Dspotless.apply.skip=true package \
 && cp "$MODULE/target/$MODULE.jar" /src/app.jar

# ---- prebuilt: the jar the Maven build already made --------------------------------------------------------------
FROM eclipse-temurin:${JAVA_MAJOR}-jre AS prebuilt
ARG MODULE
COPY ${MODULE}/target/${MODULE}.jar /src/app.jar

FROM ${JAR_SOURCE} AS jar

# ---- layers: Spring Boot's layered extraction --------------------------------------------------------------------
# Extracted without Spring Boot's launcher: app.jar names its libraries on its class path, so the JDK's own class
# loader reads them as plain jars (the launcher's loader can deadlock a start on virtual threads, see
# docs/development.md), and the layout is the one JVM start-up caches need.
FROM eclipse-temurin:${JAVA_MAJOR}-jre AS layers
WORKDIR /layers
COPY --from=jar /src/app.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --destination extracted

# ---- runtime ------------------------------------------------------------------------------------------------------
FROM eclipse-temurin:${JAVA_MAJOR}-jre AS runtime
ARG MODULE
ARG PORT=8080
# curl answers the health check; the imputation node also needs its engine (Ubuntu's beagle package: Beagle 5.4, as in
# Debian 12, with its own Java runtime) and tabix/bcftools for preparing panels and inspecting results.
RUN set -eux; \
    packages="curl"; \
    if [ "$MODULE" = "imputation-node" ]; then packages="$packages beagle tabix bcftools"; fi; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $packages; \
    rm -rf /var/lib/apt/lists/*; \
    groupadd --system --gid 10001 fedimpute; \
    useradd --system --uid 10001 --gid fedimpute --home-dir /app --shell /usr/sbin/nologin fedimpute; \
    mkdir -p /app /data; \
    chown fedimpute:fedimpute /data
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
USER 10001:10001
ENV SERVER_PORT=${PORT} \
    FEDIMPUTE_MODULE=${MODULE} \
    LOGGING_STRUCTURED_FORMAT_CONSOLE=logstash \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:+UseSerialGC -Xss512k"
EXPOSE ${PORT}
HEALTHCHECK --interval=15s --timeout=3s --start-period=120s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT}/actuator/health/readiness" || exit 1
# JAVA_OPTS rather than JAVA_TOOL_OPTIONS: the latter would also reach the JVMs the node starts for Beagle. Virtual
# threads get 8 carriers (one per CPU of the container's limit by default, often 1 or 2), so that a few threads
# pinned while waiting for a class-loading lock cannot stop every request (see docs/development.md).
ENTRYPOINT ["sh", "-c", "exec java -Djdk.virtualThreadScheduler.parallelism=8 $JAVA_OPTS -jar app.jar \"$@\"", "--"]

# ---- demo-panel: the imputation node's synthetic demo reference panel (a one-shot job) ----------------------------
FROM source AS demo-panel-build
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -pl platform-test -am -DskipTests -Dspotless.check.skip=true -Dspotless.apply.skip=true package \
 && ./mvnw -B -ntp -q -pl platform-test dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/demo/lib \
 && cp platform-test/target/platform-test-*.jar /demo/lib/

FROM eclipse-temurin:${JAVA_MAJOR}-jre AS demo-panel
RUN groupadd --system --gid 10001 fedimpute \
 && useradd --system --uid 10001 --gid fedimpute --home-dir /demo --shell /usr/sbin/nologin fedimpute \
 && mkdir -p /panels && chown fedimpute:fedimpute /panels
COPY --from=demo-panel-build /demo/lib/ /demo/lib/
USER 10001:10001
ENTRYPOINT ["java", "-Xmx256m", "-XX:+UseSerialGC", "-cp", "/demo/lib/*", "org.fedimpute.test.local.DemoReferencePanel"]
CMD ["/panels/synthetic-chr20"]

# The default target: a service image.
FROM runtime
