// The rounds' words for a refused plan or re-plan, by code (the server's `message` is an
// English line for developers). Simplified Chinese first; `en` must have every key of `zh`.
// Spread last into app/messages.ts, so a code another feature already names keeps its name
// where a page looks a code up by any key (app/codeText.ts).

export const zh = {
  'rounds.err.MISSING_START_LOCATION': '社工没有住址或驻点坐标',
  'rounds.err.NOT_MONDAY': '须为周一',
  'rounds.err.PAST_DAY': '过去的日子不再重排',
  'rounds.err.TOO_MANY': '一次插入的紧急走访过多',
  'rounds.err.NO_ROUND': '这一天还没有路线，请先规划',
  'rounds.err.NOT_FOUND': '未找到该{entity}，或不在您的范围内',
  'rounds.err.REQUIRED': '没有可排路线的社工',
  'rounds.err.NOT_POSITIVE': '社工的出行速度无效',
  'rounds.err.BAD_HOURS': '社工的工作时间无效',
  'rounds.err.DUPLICATE': '同一户的走访列了两次',
  'rounds.err.DONE': '已完成的走访不再重排',
  'rounds.err.NEGATIVE': '走访时长无效',
  'rounds.err.BAD_WINDOW': '该户的可访时段无效',
};

export const en: Record<keyof typeof zh, string> = {
  'rounds.err.MISSING_START_LOCATION': 'the worker has no home or station location',
  'rounds.err.NOT_MONDAY': 'a week starts on a Monday',
  'rounds.err.PAST_DAY': 'a past day is not re-planned',
  'rounds.err.TOO_MANY': 'too many emergency visits at once',
  'rounds.err.NO_ROUND': 'the day has no round yet; plan it first',
  'rounds.err.NOT_FOUND': '{entity} not found, or outside your area',
  'rounds.err.REQUIRED': 'no worker to plan',
  'rounds.err.NOT_POSITIVE': 'the worker’s travel speed is not valid',
  'rounds.err.BAD_HOURS': 'the worker’s hours are not valid',
  'rounds.err.DUPLICATE': 'a household’s visit is listed twice',
  'rounds.err.DONE': 'visits made are not re-planned',
  'rounds.err.NEGATIVE': 'a visit’s length is not valid',
  'rounds.err.BAD_WINDOW': 'a household’s visiting hours are not valid',
};
