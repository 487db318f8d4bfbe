# Rappel on the official Payara Micro image.
#   docker build -t rappel .
#   docker run -p 8080:8080 -v rappel-data:/opt/payara/data rappel
# PostgreSQL instead of the embedded database:
#   docker run -p 8080:8080 --env-file config/postgresql.env rappel

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline -Dmdep.skip=true || true
COPY src src
# The server jar comes from the base image, so the build skips copying its own.
RUN mvn -B -q package -DskipTests -Dspotless.check.skip=true -Dmdep.skip=true

FROM payara/micro:6.2025.10-jdk17
USER root
RUN mkdir -p /opt/payara/data /opt/payara/config && chown -R payara:payara /opt/payara/data
COPY config/preboot-commands.asadmin config/rappel.properties /opt/payara/config/
COPY --from=build /src/target/rappel.war /opt/payara/deployments/ROOT.war
USER payara

# The embedded Derby database (and its log) live on this volume.
ENV RAPPEL_DATA_DIR=/opt/payara/data \
    JVM_ARGS="-Dderby.stream.error.file=/opt/payara/data/derby.log"
VOLUME /opt/payara/data
EXPOSE 8080

CMD ["--deploymentDir", "/opt/payara/deployments", "--contextroot", "/", \
     "--prebootcommandfile", "/opt/payara/config/preboot-commands.asadmin", \
     "--systemproperties", "/opt/payara/config/rappel.properties"]
