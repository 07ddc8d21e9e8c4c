// The dictionary of the UI: Simplified Chinese first, English second.
// Every key in `zh` must exist in `en` (the type below enforces it).

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';

const zh = {
  'app.name': '帮扶',
  'app.tagline': '社会力量帮扶协同平台',
  'lang.switch': 'EN',
  'lang.switchTitle': 'Switch to English',

  'nav.households': '帮扶对象',
  'nav.workers': '社工',
  'nav.stations': '社工站',

  'auth.login': '登录',
  'auth.loggingIn': '正在登录…',
  'auth.logout': '退出',
  'auth.username': '用户名',
  'auth.password': '密码',
  'auth.title': '登录帮扶平台',
  'auth.subtitle': '面向民政工作人员与社工',
  'auth.demoHint': '演示账号（密码 {password}）：',
  'auth.expired': '登录已过期，请重新登录。',
  'auth.failed': '登录失败，请稍后再试。',
  'auth.required': '请输入用户名和密码。',
  'auth.invalid': '用户名或密码不正确。',

  'common.loading': '加载中…',
  'common.none': '—',
  'common.all': '全部',
  'common.yes': '是',
  'common.no': '否',
  'common.search': '搜索',
  'common.reset': '清除筛选',
  'common.total': '共 {count} 条',
  'common.page': '第 {page} 页',
  'common.prev': '上一页',
  'common.next': '下一页',
  'common.view': '查看',
  'common.back': '返回',
  'common.empty': '没有符合条件的记录。',
  'common.persons': '{count} 人',
  'common.yuan': '¥{amount}',
  'common.perMonth': '{amount} 元/人·月',
  'common.km': '{km} 公里',

  'error.forbidden': '您的角色无权查看此内容。',
  'error.network': '无法连接服务器，请检查网络后重试。',
  'error.generic': '出错了：{message}',
  'error.notFound': '未找到该记录，或您无权查看。',

  'households.title': '帮扶对象',
  'households.filters': '筛选',
  'households.township': '乡镇（街道）',
  'households.village': '村（社区）',
  'households.tier': '分层',
  'households.dibaoClass': '低保类别',
  'households.cause': '致贫原因',
  'households.warningLevel': '预警等级',
  'households.noWorker': '尚未分配社工',
  'households.searchPlaceholder': '户主姓名',
  'households.head': '户主',
  'households.location': '所在村',
  'households.causes': '致贫原因',
  'households.warning': '预警',
  'households.size': '人口',
  'households.worker': '责任社工',
  'households.unassigned': '未分配',
  'households.hidden': '身份信息已隐去',

  'household.title': '家庭档案',
  'household.anonymous': '帮扶对象 {id}',
  'household.tier': '分层',
  'household.dibaoClass': '低保类别',
  'household.warning': '预警等级',
  'household.risk': '风险分值',
  'household.nextReview': '下次复核',
  'household.overdue': '已逾期',
  'household.income': '人均月收入',
  'household.size': '家庭人口',
  'household.specialGroups': '特殊群体',
  'household.causes': '致贫原因',
  'household.address': '地址',
  'household.phone': '联系电话',
  'household.region': '所在地',
  'household.version': '版本 {version}',
  'household.members': '家庭成员',
  'household.needs': '需求',
  'household.noNeeds': '暂无登记的需求。',
  'household.location': '位置',
  'household.noLocation': '您的角色无法查看位置。',
  'household.workerTitle': '责任社工',
  'household.noWorker': '尚未分配责任社工。',

  'member.name': '姓名',
  'member.idNumber': '身份证号',
  'member.relation': '与户主关系',
  'member.sex': '性别',
  'member.age': '年龄',
  'member.disability': '残疾等级',
  'member.disabilityGrade': '{grade} 级',
  'member.chronic': '慢性病',
  'member.serious': '重大疾病',
  'member.canWork': '劳动能力',

  'need.cost': '预计费用',
  'need.urgency': '紧急程度',
  'need.status': '状态',

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

  'stations.title': '社工站',
  'stations.name': '名称',
  'stations.township': '服务乡镇',
  'stations.workerCount': '社工人数',
  'stations.householdCount': '帮扶户数',
  'stations.viewWorkers': '查看社工',
} as const;

export type MessageKey = keyof typeof zh;
type Dictionary = Record<MessageKey, string>;

const en: Dictionary = {
  'app.name': 'Bangfu',
  'app.tagline': 'Coordinating social forces for households in hardship',
  'lang.switch': '中文',
  'lang.switchTitle': '切换到中文',

  'nav.households': 'Households',
  'nav.workers': 'Social workers',
  'nav.stations': 'Stations',

  'auth.login': 'Sign in',
  'auth.loggingIn': 'Signing in…',
  'auth.logout': 'Sign out',
  'auth.username': 'Username',
  'auth.password': 'Password',
  'auth.title': 'Sign in to Bangfu',
  'auth.subtitle': 'For civil-affairs staff and social workers',
  'auth.demoHint': 'Demo accounts (password {password}):',
  'auth.expired': 'Your session has expired. Please sign in again.',
  'auth.failed': 'Sign-in failed. Please try again later.',
  'auth.required': 'Enter your username and password.',
  'auth.invalid': 'Wrong username or password.',

  'common.loading': 'Loading…',
  'common.none': '—',
  'common.all': 'All',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.search': 'Search',
  'common.reset': 'Clear filters',
  'common.total': '{count} in total',
  'common.page': 'Page {page}',
  'common.prev': 'Previous',
  'common.next': 'Next',
  'common.view': 'View',
  'common.back': 'Back',
  'common.empty': 'No matching records.',
  'common.persons': '{count}',
  'common.yuan': '¥{amount}',
  'common.perMonth': '¥{amount} per person per month',
  'common.km': '{km} km',

  'error.forbidden': 'Your role may not see this.',
  'error.network': 'Cannot reach the server. Check the connection and retry.',
  'error.generic': 'Something went wrong: {message}',
  'error.notFound': 'Not found, or you may not see it.',

  'households.title': 'Households',
  'households.filters': 'Filters',
  'households.township': 'Township',
  'households.village': 'Village',
  'households.tier': 'Tier',
  'households.dibaoClass': 'Dibao class',
  'households.cause': 'Cause',
  'households.warningLevel': 'Warning level',
  'households.noWorker': 'No worker yet',
  'households.searchPlaceholder': 'Head of household',
  'households.head': 'Head',
  'households.location': 'Village',
  'households.causes': 'Causes',
  'households.warning': 'Warning',
  'households.size': 'Size',
  'households.worker': 'Worker',
  'households.unassigned': 'Unassigned',
  'households.hidden': 'Identity withheld',

  'household.title': 'Household',
  'household.anonymous': 'Household {id}',
  'household.tier': 'Tier',
  'household.dibaoClass': 'Dibao class',
  'household.warning': 'Warning level',
  'household.risk': 'Risk score',
  'household.nextReview': 'Next review',
  'household.overdue': 'overdue',
  'household.income': 'Monthly income per person',
  'household.size': 'Household size',
  'household.specialGroups': 'Special groups',
  'household.causes': 'Causes of hardship',
  'household.address': 'Address',
  'household.phone': 'Phone',
  'household.region': 'Location',
  'household.version': 'version {version}',
  'household.members': 'Members',
  'household.needs': 'Needs',
  'household.noNeeds': 'No needs recorded.',
  'household.location': 'Location',
  'household.noLocation': 'Your role may not see the location.',
  'household.workerTitle': 'Responsible social worker',
  'household.noWorker': 'No social worker assigned yet.',

  'member.name': 'Name',
  'member.idNumber': 'ID number',
  'member.relation': 'Relation',
  'member.sex': 'Sex',
  'member.age': 'Age',
  'member.disability': 'Disability',
  'member.disabilityGrade': 'grade {grade}',
  'member.chronic': 'Chronic illness',
  'member.serious': 'Serious illness',
  'member.canWork': 'Can work',

  'need.cost': 'Estimated cost',
  'need.urgency': 'Urgency',
  'need.status': 'Status',

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

  'stations.title': 'Social work stations',
  'stations.name': 'Name',
  'stations.township': 'Township',
  'stations.workerCount': 'Workers',
  'stations.householdCount': 'Households',
  'stations.viewWorkers': 'Workers',
};

export const MESSAGES: Record<Lang, Dictionary> = { 'zh-CN': zh, en };

// ---- Labels of the schema's enums (and of a few free strings the server sends) ----

type Labels = Record<string, { 'zh-CN': string; en: string }>;

export const ENUM_LABELS = {
  Tier: {
    EXTREME: { 'zh-CN': '特困', en: 'Destitute' },
    DIBAO: { 'zh-CN': '低保', en: 'Dibao' },
    NEAR_DIBAO: { 'zh-CN': '低保边缘', en: 'Near-dibao' },
    EXPENDITURE: { 'zh-CN': '支出型贫困', en: 'Expenditure poverty' },
    TEMPORARY: { 'zh-CN': '临时救助', en: 'Temporary relief' },
  },
  DibaoClass: {
    A: { 'zh-CN': 'A类 重点保障户', en: 'Class A (priority)' },
    B: { 'zh-CN': 'B类 基本保障户', en: 'Class B (basic)' },
    C: { 'zh-CN': 'C类 一般保障户', en: 'Class C (general)' },
  },
  Cause: {
    ILLNESS: { 'zh-CN': '因病', en: 'Illness' },
    DISABILITY: { 'zh-CN': '因残', en: 'Disability' },
    SCHOOLING: { 'zh-CN': '因学', en: 'Schooling' },
    DISASTER: { 'zh-CN': '因灾', en: 'Disaster' },
    UNEMPLOYMENT: { 'zh-CN': '失业', en: 'Unemployment' },
    ACCIDENT: { 'zh-CN': '意外', en: 'Accident' },
    LACK_OF_LABOUR: { 'zh-CN': '缺劳力', en: 'Lack of labour' },
  },
  SpecialGroup: {
    ELDERLY: { 'zh-CN': '老年人', en: 'Elderly' },
    CHILD: { 'zh-CN': '未成年人', en: 'Minor' },
    DISABLED: { 'zh-CN': '残疾人', en: 'Disabled' },
    LEFT_BEHIND_CHILD: { 'zh-CN': '留守儿童', en: 'Left-behind child' },
    LEFT_BEHIND_ELDER: { 'zh-CN': '留守老人', en: 'Left-behind elder' },
  },
  WarningLevel: {
    NONE: { 'zh-CN': '无', en: 'None' },
    BLUE: { 'zh-CN': '蓝色', en: 'Blue' },
    YELLOW: { 'zh-CN': '黄色', en: 'Yellow' },
    ORANGE: { 'zh-CN': '橙色', en: 'Orange' },
    RED: { 'zh-CN': '红色', en: 'Red' },
  },
  RegionLevel: {
    COUNTY: { 'zh-CN': '县', en: 'County' },
    TOWNSHIP: { 'zh-CN': '乡镇', en: 'Township' },
    VILLAGE: { 'zh-CN': '村', en: 'Village' },
  },
  NeedKind: {
    MEDICAL: { 'zh-CN': '医疗', en: 'Medical' },
    EDUCATION: { 'zh-CN': '教育', en: 'Education' },
    HOUSING: { 'zh-CN': '住房', en: 'Housing' },
    EMPLOYMENT: { 'zh-CN': '就业', en: 'Employment' },
    DAILY_CARE: { 'zh-CN': '日常照料', en: 'Daily care' },
    PSYCHOLOGICAL: { 'zh-CN': '心理疏导', en: 'Psychological support' },
    REHABILITATION: { 'zh-CN': '康复照护', en: 'Rehabilitation' },
    LEGAL_AID: { 'zh-CN': '法律援助', en: 'Legal aid' },
    BASIC_LIVING: { 'zh-CN': '基本生活', en: 'Basic living' },
  },
  Role: {
    ADMIN: { 'zh-CN': '系统管理员', en: 'Administrator' },
    COORDINATOR: { 'zh-CN': '县级统筹', en: 'County coordinator' },
    STATION_MANAGER: { 'zh-CN': '社工站站长', en: 'Station manager' },
    SOCIAL_WORKER: { 'zh-CN': '社工', en: 'Social worker' },
    CHARITY: { 'zh-CN': '慈善组织', en: 'Charity' },
    ENTERPRISE: { 'zh-CN': '企业', en: 'Enterprise' },
    VOLUNTEER: { 'zh-CN': '志愿者', en: 'Volunteer' },
    AUDITOR: { 'zh-CN': '审计监督', en: 'Auditor' },
  },
  // Free strings in the schema (Need.status, Need.urgency, sex, travel mode): the values
  // the server is expected to send; anything else is shown as it comes.
  NeedStatus: {
    OPEN: { 'zh-CN': '待认领', en: 'Open' },
    PLEDGED: { 'zh-CN': '已认领', en: 'Pledged' },
    FULFILLED: { 'zh-CN': '已完成', en: 'Fulfilled' },
    CANCELLED: { 'zh-CN': '已取消', en: 'Cancelled' },
  },
  Urgency: {
    LOW: { 'zh-CN': '一般', en: 'Low' },
    MEDIUM: { 'zh-CN': '较急', en: 'Medium' },
    HIGH: { 'zh-CN': '紧急', en: 'High' },
    CRITICAL: { 'zh-CN': '特急', en: 'Critical' },
  },
  Sex: {
    M: { 'zh-CN': '男', en: 'Male' },
    F: { 'zh-CN': '女', en: 'Female' },
    MALE: { 'zh-CN': '男', en: 'Male' },
    FEMALE: { 'zh-CN': '女', en: 'Female' },
    男: { 'zh-CN': '男', en: 'Male' },
    女: { 'zh-CN': '女', en: 'Female' },
  },
  Relation: {
    HEAD: { 'zh-CN': '户主', en: 'Head' },
    SPOUSE: { 'zh-CN': '配偶', en: 'Spouse' },
    CHILD: { 'zh-CN': '子女', en: 'Child' },
    PARENT: { 'zh-CN': '父母', en: 'Parent' },
    GRANDCHILD: { 'zh-CN': '孙子女', en: 'Grandchild' },
    SIBLING: { 'zh-CN': '兄弟姐妹', en: 'Sibling' },
    OTHER: { 'zh-CN': '其他', en: 'Other' },
  },
  TravelMode: {
    WALK: { 'zh-CN': '步行', en: 'On foot' },
    BIKE: { 'zh-CN': '骑行', en: 'Bicycle' },
    BICYCLE: { 'zh-CN': '骑行', en: 'Bicycle' },
    EBIKE: { 'zh-CN': '电动车', en: 'E-bike' },
    MOTORBIKE: { 'zh-CN': '摩托车', en: 'Motorbike' },
    BUS: { 'zh-CN': '公交', en: 'Bus' },
    CAR: { 'zh-CN': '汽车', en: 'Car' },
  },
} satisfies Record<string, Labels>;

export type EnumName = keyof typeof ENUM_LABELS;

/** The label of an enum value in a language; unknown values are shown as they are. */
export function enumLabel(name: EnumName, value: string, lang: Lang): string {
  const labels: Labels = ENUM_LABELS[name];
  const entry = labels[value] ?? labels[value.toUpperCase()];
  return entry ? entry[lang] : value;
}

/** Replace `{name}` placeholders. */
export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

export function translate(
  lang: Lang,
  key: MessageKey,
  params?: Record<string, string | number>,
): string {
  return format(MESSAGES[lang][key] ?? MESSAGES[DEFAULT_LANG][key] ?? key, params);
}
