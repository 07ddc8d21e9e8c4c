// The workers page's words. Simplified Chinese first; `en` must have every key of `zh` (the
// type enforces it). Spread into app/messages.ts in the dictionary's order.

export const zh = {
  'workers.title': '社工',
  'workers.station': '所属社工站',
  'workers.searchPlaceholder': '社工姓名',
  'workers.name': '姓名',
  'workers.sex': '性别',
  'workers.load': '个案负荷',
  'workers.reach': '服务半径',
  'workers.travelMode': '出行方式',
  'workers.skills': '专长',
  'workers.languages': '语言',
  'workers.phone': '电话',
  'workers.loadValue': '{current} / {limit}',
};

export const en: Record<keyof typeof zh, string> = {
  'workers.title': 'Social workers',
  'workers.station': 'Station',
  'workers.searchPlaceholder': 'Worker name',
  'workers.name': 'Name',
  'workers.sex': 'Sex',
  'workers.load': 'Caseload',
  'workers.reach': 'Reach',
  'workers.travelMode': 'Travel',
  'workers.skills': 'Skills',
  'workers.languages': 'Languages',
  'workers.phone': 'Phone',
  'workers.loadValue': '{current} / {limit}',
};
