/**
 * Rooms and their members (create, join, leave, DMs, directory, roster), read positions, typing, and the
 * rooms part of a sign-in's welcome. Each request is one Lua script that checks the room and publishes what
 * it changed on the relay. Depends on {@code relay}, {@code auth} (account names), {@code window}.
 */
package dev.tandem.server.room;
