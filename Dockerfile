# One image per service, from the jar that `./mvnw package` built:
#   docker build --build-arg MODULE=presence-service -t headcount/presence-service .
FROM eclipse-temurin:25-jre
ARG MODULE
RUN useradd --system --uid 10001 headcount
COPY ${MODULE}/target/${MODULE}-*.jar /app/app.jar
# The services' JVM flags, the same file ./headcount, bench and the tests start them with (docs/architecture.md).
COPY service-jvm.options /app/service-jvm.options
USER headcount
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
EXPOSE 8080
ENTRYPOINT ["java", "@/app/service-jvm.options", "-jar", "/app/app.jar"]
