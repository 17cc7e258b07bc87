# The engine, compiled: `huiyin api`, `huiyin worker`, `huiyin migrate` … each a process of its own
# (docker-compose.yml runs two APIs and two workers); with no command, everything at once as
# `npx -y pnpm@10 start` runs it. PostgreSQL, Redis and mail come from docker-compose.yml.
FROM node:20-bookworm-slim

# argon2 compiles at install: its glibc prebuild segfaults on Node 20.20, and node-gyp-build
# then falls back to node-gyp, which needs these.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
RUN mkdir -p /data/attachments && chown node:node /app /data/attachments \
 && ln -s /app/scripts/huiyin.mjs /usr/local/bin/huiyin
USER node

# Fetch from the lockfile alone first, so editing source does not download every package again.
COPY --chown=node:node pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
RUN npx -y pnpm@10 fetch

COPY --chown=node:node . .
RUN npx -y pnpm@10 install --frozen-lockfile --offline
# Production runs compiled JavaScript: the console and one bundle per service (`huiyin api`, …).
RUN node scripts/build.mjs

# prefer-offline: `npx -y pnpm@10` at start takes the pnpm cached above instead of asking the
# registry again (without a network it would otherwise hang retrying).
ENV HOST=0.0.0.0 \
    PORT=3000 \
    ATTACHMENTS_DIR=/data/attachments \
    npm_config_prefer_offline=true
EXPOSE 3000
# start.mjs installs (already done: a no-op), migrates, seeds an empty database, then runs the API
# and the worker; with SMTP_URL set it starts no mail sink of its own.
CMD ["npx", "-y", "pnpm@10", "start"]
