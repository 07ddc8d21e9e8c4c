// The notification bell's words. Simplified Chinese first; `en` must have every key of `zh` (the
// type enforces it). Spread into app/messages.ts in the dictionary's order.

export const zh = {
  'notifications.title': '通知',
  'notifications.bell': '通知：{count} 条未读',
  'notifications.empty': '没有未读通知。',
  'notifications.emptyAll': '还没有通知。',
  'notifications.markRead': '标为已读',
  'notifications.markAll': '全部标为已读',
  'notifications.open': '查看',
  'notifications.showRead': '显示已读',
  'notifications.read': '已读',
};

export const en: Record<keyof typeof zh, string> = {
  'notifications.title': 'Notifications',
  'notifications.bell': 'Notifications: {count} unread',
  'notifications.empty': 'No unread notifications.',
  'notifications.emptyAll': 'No notifications yet.',
  'notifications.markRead': 'Mark read',
  'notifications.markAll': 'Mark all read',
  'notifications.open': 'Open',
  'notifications.showRead': 'Show read ones',
  'notifications.read': 'read',
};
