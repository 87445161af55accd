# The durable-graph worker, for docker-compose.yml (it connects to TEMPORAL_ADDRESS, no embedded server).
# scripts/check-dockerfile.sh runs these stages' steps outside Docker (CI does, in .ci/run).
FROM node:20.18.0-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: npm ci would run the package's `prepare` (npm run build) before the sources are here.
# The dependencies' own install scripts are checks only (@swc/core's binary is an optional dependency).
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workflows ./workflows
COPY activities ./activities
RUN npm run build

FROM node:20.18.0-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` needs tsc, a dev dependency; the build comes from the build stage.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
# The same as `npx durable-graph worker`, without npx looking the package up in the registry
# (a package's own bin is not in its node_modules/.bin).
CMD ["node", "dist/src/cli/main.js", "worker"]
