# One image per service, from the jar that `./mvnw package` built:
#   docker build --build-arg MODULE=presence-service -t headcount/presence-service .
FROM eclipse-temurin:25-jre
ARG MODULE
RUN useradd --system --uid 10001 headcount
COPY ${MODULE}/target/${MODULE}-*.jar /app/app.jar
USER headcount
# Small WebSocket buffers: about 17 KiB of heap per idle connection instead of 74 KiB (docs/architecture.md).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE=512"
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
