# Model Registry API image: build with the .NET SDK, run on the ASP.NET runtime as a non-root user.
#   docker build -t model-registry-api .
#   docker run -p 127.0.0.1:5000:8080 -v registry-data:/data model-registry-api

# Node.js for the build's npm step (the IDE assets and the bundle of the pages); copied rather than apt-installed to keep
# the SDK stage small and the Node major version fixed.
FROM node:20-bookworm-slim AS node

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s /usr/local/lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
    && ln -s /usr/local/lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx
WORKDIR /source

# Restore first, from the project files alone, so source edits reuse the restore layer.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/ModelRegistry.Core/ModelRegistry.Core.csproj src/ModelRegistry.Core/
COPY src/ModelRegistry.Infrastructure/ModelRegistry.Infrastructure.csproj src/ModelRegistry.Infrastructure/
COPY src/ModelRegistry.GraphQL/ModelRegistry.GraphQL.csproj src/ModelRegistry.GraphQL/
COPY src/ModelRegistry.Api/ModelRegistry.Api.csproj src/ModelRegistry.Api/
RUN dotnet restore src/ModelRegistry.Api/ModelRegistry.Api.csproj

COPY . .
RUN dotnet publish src/ModelRegistry.Api/ModelRegistry.Api.csproj -c Release --no-restore \
    -p:UseAppHost=false -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./

# The image's "app" user (APP_UID) owns the data directory, so a fresh named volume inherits it. The same holds for
# the volumes the scale-out replicas share (docker-compose.yml, profile scale): the artifacts mounted over
# /data/artifacts and the audit anchor key in /keys.
RUN mkdir -p /data/artifacts /keys && chown "$APP_UID" /data /data/artifacts /keys
VOLUME /data

# ASPNETCORE_HTTP_PORTS is cleared so that ASPNETCORE_URLS alone decides the listen address.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    Registry__DataDirectory=/data
EXPOSE 8080

# The runtime image has no curl or wget; bash's /dev/tcp sends one GET /healthz and reads the status line.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && read -r status <&3 && [[ $status == *' 200 '* ]]"]

USER $APP_UID
ENTRYPOINT ["dotnet", "ModelRegistry.Api.dll"]
