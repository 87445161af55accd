# The durable-graph worker, for docker-compose.yml (it connects to TEMPORAL_ADDRESS, no embedded server).
FROM node:20.18.0-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workflows ./workflows
COPY activities ./activities
RUN npm run build

FROM node:20.18.0-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
# The same as `npx durable-graph worker`, without npx looking the package up in the registry
# (a package's own bin is not in its node_modules/.bin).
CMD ["node", "dist/src/cli/main.js", "worker"]
