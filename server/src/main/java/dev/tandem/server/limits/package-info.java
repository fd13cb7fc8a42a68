/**
 * Abuse limits that hold per user and per client address across every connection and server: token buckets
 * kept in Redis ({@link dev.tandem.server.limits.SharedRate}), the client address as the trusted proxy
 * passed it on ({@link dev.tandem.server.limits.ClientAddress}), the growing delays of failed sign-ins
 * ({@link dev.tandem.server.limits.SignInGuard}) and the summarised log of refusals
 * ({@link dev.tandem.server.limits.RefusalLog}). Depends only on the relay's Lua runner and Redis.
 */
package dev.tandem.server.limits;
