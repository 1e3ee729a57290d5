/** The reading flow: which unread paper comes next, and how many are left. */
export { nextUnread, readingOrder, unreadCount } from './next-unread';
export type { NextUnreadOptions, ReadingDigest } from './next-unread';
