// My day's words. Simplified Chinese first; `en` must have every key of `zh` (the
// type enforces it). Spread into app/messages.ts in the dictionary's order.

export const zh = {
  'myDay.title': '我的今日',
  'myDay.date': '{date}',
  'myDay.overdue': '已逾期',
  'myDay.dueSoon': '近期到期（7 天内）',
  'myDay.nothingOverdue': '没有逾期事项，做得好！',
  'myDay.nothingDue': '7 天内没有到期的走访或预警。',
  'myDay.alertTask': '{level}预警：入户核实',
  'myDay.followUpTask': '定期跟进走访',
  'myDay.record': '记录走访',
  'myDay.openHousehold': '家庭档案',
  'myDay.lastVisit': '上次走访 {date}',
  'myDay.neverVisited': '尚未走访',
  'myDay.noMatch': '此户没有您负责的进行中配对',
  'myDay.notWorker': '“我的今日”是社工的每日工作清单。督导逾期和失联配对，请前往“跟进督导”。',
  'myDay.toOversight': '前往跟进督导',
  'myDay.counts': '逾期 {overdue} 项 · 近期 {soon} 项',
  'myDay.later': '我负责的其他家庭',
};

export const en: Record<keyof typeof zh, string> = {
  'myDay.title': 'My day',
  'myDay.date': '{date}',
  'myDay.overdue': 'Overdue',
  'myDay.dueSoon': 'Due soon (next 7 days)',
  'myDay.nothingOverdue': 'Nothing overdue. Well done!',
  'myDay.nothingDue': 'No visits or alerts due in the next 7 days.',
  'myDay.alertTask': '{level} warning: verifying visit',
  'myDay.followUpTask': 'Follow-up visit',
  'myDay.record': 'Record visit',
  'myDay.openHousehold': 'Household',
  'myDay.lastVisit': 'Last visit {date}',
  'myDay.neverVisited': 'Not visited yet',
  'myDay.noMatch': 'You have no active match with this household',
  'myDay.notWorker': '“My day” is a social worker’s daily list. To supervise overdue work and stale pairings, use Oversight.',
  'myDay.toOversight': 'Go to Oversight',
  'myDay.counts': '{overdue} overdue · {soon} due soon',
  'myDay.later': 'My other households',
};
