# syntax=docker/dockerfile:1.7-labs
# Flow ingest image. Build from the repository root:
#   docker build -f infra/cloudformation/docker/ingest.Dockerfile -t flow-ingest .
# Node 24 runs the TypeScript sources directly (type stripping), so there is no build step: the
# first stage installs production dependencies only, the second copies them and the sources.
ARG NODE_IMAGE=node:24-slim

FROM ${NODE_IMAGE} AS dependencies
WORKDIR /app
# Every workspace manifest, so npm ci sees the lockfile's workspaces (--parents keeps the paths).
COPY --parents package.json package-lock.json apps/*/package.json libs/*/package.json ./
RUN npm ci --omit=dev --workspace apps/ingest --include-workspace-root --ignore-scripts \
  && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Code stays owned by root and read-only to the app user.
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json ./
COPY libs ./libs
COPY apps/ingest ./apps/ingest
USER node
EXPOSE 8081
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8081/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "apps/ingest/src/main.ts"]
