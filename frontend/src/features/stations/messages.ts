// The stations page's words. Simplified Chinese first; `en` must have every key of `zh` (the
// type enforces it). Spread into app/messages.ts in the dictionary's order.

export const zh = {
  'stations.title': '社工站',
  'stations.name': '名称',
  'stations.township': '服务乡镇',
  'stations.workerCount': '社工人数',
  'stations.householdCount': '帮扶户数',
  'stations.viewWorkers': '查看社工',
};

export const en: Record<keyof typeof zh, string> = {
  'stations.title': 'Social work stations',
  'stations.name': 'Name',
  'stations.township': 'Township',
  'stations.workerCount': 'Workers',
  'stations.householdCount': 'Households',
  'stations.viewWorkers': 'Workers',
};
