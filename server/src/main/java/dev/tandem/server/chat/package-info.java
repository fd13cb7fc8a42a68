/**
 * Messages in rooms: posting ({@link dev.tandem.server.chat.ChatPublisher}), editing and deleting one's own,
 * history pages, and the one-time upgrade of the single-room history of the version before rooms. Depends
 * on {@code relay}, {@code auth} (account names), {@code window}.
 */
package dev.tandem.server.chat;
