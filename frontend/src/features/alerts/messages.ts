// The alerts page's words. Simplified Chinese first; `en` must have every key of `zh` (the
// type enforces it). Spread into app/messages.ts in the dictionary's order.

export const zh = {
  'alerts.title': '预警',
  'alerts.intro': '红色在前，同一颜色按核实期限先后排列。每条预警须在期限前入户核实。',
  'alerts.status': '状态',
  'alerts.level': '预警等级',
  'alerts.township': '乡镇（街道）',
  'alerts.mine': '只看分配给我的',
  'alerts.household': '帮扶对象',
  'alerts.indicators': '预警指标',
  'alerts.score': '分值',
  'alerts.raised': '发出',
  'alerts.due': '核实期限',
  'alerts.assigned': '负责',
  'alerts.assignedTo': '负责：{who}',
  'alerts.resolvedAt': '已于 {time} 核销',
  'alerts.superseded': '已被更高等级预警取代',
  'alerts.empty': '没有符合条件的预警。',
  'alerts.openHousehold': '查看家庭',
  'alerts.hiddenHousehold': '帮扶对象（姓名不公开）',
};

export const en: Record<keyof typeof zh, string> = {
  'alerts.title': 'Alerts',
  'alerts.intro': 'Red first; within a colour, by the deadline. Every alert needs a verifying home visit before its deadline.',
  'alerts.status': 'Status',
  'alerts.level': 'Warning level',
  'alerts.township': 'Township',
  'alerts.mine': 'Assigned to me',
  'alerts.household': 'Household',
  'alerts.indicators': 'Indicators',
  'alerts.score': 'Score',
  'alerts.raised': 'Raised',
  'alerts.due': 'Verify by',
  'alerts.assigned': 'Assigned to',
  'alerts.assignedTo': 'Assigned to: {who}',
  'alerts.resolvedAt': 'Resolved {time}',
  'alerts.superseded': 'Replaced by a higher alert',
  'alerts.empty': 'No matching alerts.',
  'alerts.openHousehold': 'Open household',
  'alerts.hiddenHousehold': 'Household (name withheld)',
};
