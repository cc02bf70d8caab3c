# syntax=docker/dockerfile:1.7-labs
# Flow ledger-worker image. Build from the repository root:
#   docker build -f infra/cloudformation/docker/ledger-worker.Dockerfile -t flow-ledger-worker .
# Node 24 runs the TypeScript sources directly (type stripping), so there is no build step: the
# first stage installs production dependencies only, the second copies them and the sources.
ARG NODE_IMAGE=node:24-slim

FROM ${NODE_IMAGE} AS dependencies
WORKDIR /app
# Every workspace manifest, so npm ci sees the lockfile's workspaces (--parents keeps the paths).
COPY --parents package.json package-lock.json apps/*/package.json libs/*/package.json ./
RUN npm ci --omit=dev --workspace apps/ledger-worker --include-workspace-root --workspace apps/flow-cli --ignore-scripts \
  && npm cache clean --force

# The same worker for deployment sketch 2: AWS's Lambda base image for Node 24 (it carries the
# runtime interface client). Lambda resolves handlers from .js/.mjs files only, so a one-line
# shim re-exports the TypeScript handler. Build with --target lambda, tag <release>-lambda.
# (Placed before the runtime stage so a plain build yields the container image.)
FROM public.ecr.aws/lambda/nodejs:24 AS lambda
ENV NODE_ENV=production
COPY --from=dependencies /app/node_modules ${LAMBDA_TASK_ROOT}/node_modules
COPY package.json ${LAMBDA_TASK_ROOT}/
COPY libs ${LAMBDA_TASK_ROOT}/libs
COPY apps/ledger-worker ${LAMBDA_TASK_ROOT}/apps/ledger-worker
COPY infra/cloudformation/docker/lambda-handler.mjs ${LAMBDA_TASK_ROOT}/
CMD ["lambda-handler.handler"]

# Deployment sketch 1: the long-running SQS consumer.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Code stays owned by root and read-only to the app user.
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json ./
COPY libs ./libs
COPY apps/ledger-worker ./apps/ledger-worker
# The `flow` operations command, run by the scheduled tasks of the operations stack
# (command override: node apps/flow-cli/src/main.ts reconcile | archive …).
COPY apps/flow-cli ./apps/flow-cli
USER node
ENV FLOW_HEALTH_PORT=8083
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8083/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "apps/ledger-worker/src/main.ts"]
