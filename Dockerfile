# syntax=docker/dockerfile:1
# One image per process of the distributed mode, from one build:
#   docker build --build-arg APP=token -t grantline-token .
# APP is a service (authorize, token, consent, grants, audit), `gateway` (the public origin without an
# Ingress: the embedded runtime's route table) or `dev-setup` (docker compose's throwaway dev keys).
# A service image serves by default; `migrate` as its argument applies its schema and exits.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# No install scripts: nothing the build needs compiles natively.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json ./
COPY scripts ./scripts
COPY apps ./apps
COPY libs ./libs
RUN node scripts/build.mjs apps libs

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080
WORKDIR /app
# Production dependencies only. Optional ones are the embedded runtime's PostgreSQL binaries (and
# platform shims): a service in a container uses the cluster's PostgreSQL.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force \
 && rm -rf /root/.npm /tmp/*
COPY --from=build /src/dist ./dist
ARG APP=authorize
# service.js names the process this image runs; anything else under dist/ is unused code.
RUN case "$APP" in \
      authorize|token|consent|grants|audit) entry="dist/apps/$APP/src/main.js" ;; \
      gateway) entry="dist/apps/grantline/src/gateway-main.js" ;; \
      dev-setup) entry="dist/apps/grantline/src/distributed/dev-setup-main.js" ;; \
      *) echo "unknown APP: $APP" >&2; exit 1 ;; \
    esac \
 && test -f "$entry" \
 && ln -s "$entry" service.js \
 && mkdir -p /var/lib/grantline \
 && chown 10001:10001 /var/lib/grantline
ENV GRANTLINE_APP=${APP}

# Numeric, so Kubernetes' runAsNonRoot can verify it without /etc/passwd. Nothing under /app is
# writable by it: the root filesystem can be mounted read-only (Node writes nothing at run time).
USER 10001:10001
EXPOSE 8080
# Slim images have no HTTP client binary: Node's fetch. Plain HTTP on the process's own PORT (with TLS_CERT_FILE
# set, probe from the orchestrator instead: Kubernetes uses its own probes).
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "--enable-source-maps", "service.js"]
