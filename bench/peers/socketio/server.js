// A minimal Socket.IO 4 chat relay: the stack many teams would pick instead of Tandem, doing the same
// job per message (check, stamp author/time/id, keep a bounded history in Redis, broadcast to every
// client on every process through the Redis adapter). Run two processes on one Redis:
//   node server.js --port 3001 --redis-url redis://127.0.0.1:6379 --server-id io1
// Flags have env twins: PORT, REDIS_URL, SERVER_ID.
"use strict";

const { createServer } = require("node:http");
const { Server } = require("socket.io");
const { createAdapter } = require("@socket.io/redis-adapter");
const { createClient } = require("redis");

const MAX_TEXT = 2000; // Tandem's Limits.MAX_CHAT_TEXT
const MAX_CLIENT_ID = 64; // Tandem's Limits.MAX_CLIENT_ID
const HISTORY_RETAINED = 500; // Tandem's Limits.HISTORY_RETAINED
const USER = /^[a-z0-9][a-z0-9._-]{0,31}$/;

function flag(name, envName, fallback) {
  const i = process.argv.indexOf(name);
  if (i >= 0 && i + 1 < process.argv.length) return process.argv[i + 1];
  return process.env[envName] || fallback;
}

if (process.argv.includes("--help")) {
  console.log("node server.js --port 3001 --redis-url redis://127.0.0.1:6379 --server-id io1");
  process.exit(0);
}

const port = Number.parseInt(flag("--port", "PORT", "3001"), 10);
const redisUrl = flag("--redis-url", "REDIS_URL", "redis://127.0.0.1:6379");
const serverId = flag("--server-id", "SERVER_ID", "io" + port);

async function main() {
  const pub = createClient({ url: redisUrl });
  const sub = pub.duplicate();
  const store = pub.duplicate();
  for (const c of [pub, sub, store]) c.on("error", (e) => console.error(`[${serverId}] redis: ${e.message}`));
  await Promise.all([pub.connect(), sub.connect(), store.connect()]);

  const http = createServer((req, res) => {
    if (req.url === "/health") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ serverId, status: "up" }));
    } else {
      res.writeHead(404).end();
    }
  });

  const io = new Server(http, {
    transports: ["websocket"], // same transport as Tandem: no long-polling
    serveClient: false,
    perMessageDeflate: false,
    adapter: createAdapter(pub, sub),
  });

  // The user travels in the connect packet's auth payload (or ?user=), like Tandem's ?user= affinity key.
  io.use((socket, next) => {
    const user = (socket.handshake.auth && socket.handshake.auth.user) || socket.handshake.query.user;
    if (typeof user !== "string" || !USER.test(user)) return next(new Error("invalid user"));
    socket.data.user = user;
    next();
  });

  io.on("connection", (socket) => {
    socket.on("chat.send", async (msg) => {
      const clientId = msg && msg.clientId;
      const text = msg && msg.text;
      if (typeof clientId !== "string" || clientId.length === 0 || clientId.length > MAX_CLIENT_ID) {
        socket.emit("error", { code: "invalid", message: "clientId is required" });
        return;
      }
      if (typeof text !== "string" || text.trim().length === 0 || text.length > MAX_TEXT) {
        socket.emit("error", { code: "invalid", message: "text must be 1-" + MAX_TEXT + " characters", ref: clientId });
        return;
      }
      try {
        const id = await store.incr("sio:chat:id");
        const message = { id, author: socket.data.user, text, sentAt: new Date().toISOString(), clientId, serverId };
        io.emit("chat.message", message);
        store.multi().rPush("sio:chat:history", JSON.stringify(message)).lTrim("sio:chat:history", -HISTORY_RETAINED, -1)
          .exec().catch((e) => console.error(`[${serverId}] history: ${e.message}`));
      } catch (e) {
        socket.emit("error", { code: "unavailable", message: "redis unavailable", ref: clientId });
      }
    });
  });

  http.listen(port, "127.0.0.1", () => console.log(`[${serverId}] socket.io relay on 127.0.0.1:${port}, redis ${redisUrl}`));

  const stop = () => {
    io.close();
    Promise.allSettled([pub.quit(), sub.quit(), store.quit()]).finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

// A failed Redis call must not take the relay down for everyone (Node exits on unhandled rejections).
process.on("unhandledRejection", (e) => console.error(`[${serverId}] unhandled: ${e && e.message}`));

main().catch((e) => {
  console.error(`[${serverId}] failed to start: ${e.message}`);
  process.exit(1);
});
