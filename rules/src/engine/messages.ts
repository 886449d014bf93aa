import type { Msg, MsgData } from '../kinds/types.js';
import type { LocalizedText, PermissionTrigger, Quantity, Trigger } from '../model/index.js';

type Lang = 'en' | 'zh';
type Template = (d: (key: string) => string) => string;

/**
 * Every user-facing sentence the engine produces, in English and Traditional Chinese. Findings are data
 * (a code plus values); this module is the one place that turns them into text.
 */
const templates: Record<string, { en: Template; zh: Template }> = {
  'registration.aircraft': {
    en: () => 'The aircraft is not registered with CAD.',
    zh: () => '無人機未向民航處登記。',
  },
  'registration.remote-pilot': {
    en: () => 'The remote pilot is not registered with CAD.',
    zh: () => '遙距駕駛員未向民航處登記。',
  },
  'registration.responsible-person': {
    en: () => 'The responsible person is not registered with CAD.',
    zh: () => '負責人未向民航處登記。',
  },
  'labelling.missing': {
    en: () => 'The CAD registration label is not displayed on the aircraft.',
    zh: () => '無人機上未展示民航處登記標籤。',
  },
  'pilot-age.under': {
    en: (d) => `The remote pilot is ${d('measured')} old; the minimum is ${d('limit')}.`,
    zh: (d) => `遙距駕駛員年齡為 ${d('measured')}，最低要求為 ${d('limit')}。`,
  },
  'responsible-person-age.under': {
    en: (d) => `The responsible person is ${d('measured')} old; the minimum is ${d('limit')}.`,
    zh: (d) => `負責人年齡為 ${d('measured')}，最低要求為 ${d('limit')}。`,
  },
  'insurance.none': {
    en: (d) => `No third-party insurance is held; at least ${d('limit')} is required.`,
    zh: (d) => `沒有第三者保險；最少須有 ${d('limit')} 保額。`,
  },
  'insurance.insufficient': {
    en: (d) => `Third-party insurance of ${d('measured')} is below the required ${d('limit')}.`,
    zh: (d) => `第三者保險保額 ${d('measured')} 低於規定的 ${d('limit')}。`,
  },
  'advanced-rating.missing': {
    en: () => 'The remote pilot does not hold an advanced rating.',
    zh: () => '遙距駕駛員沒有進階評級。',
  },
  'equipment.flightLog': {
    en: () => 'The aircraft has no flight log function.',
    zh: () => '無人機沒有飛行記錄功能。',
  },
  'equipment.geoAwareness': {
    en: () => 'The aircraft has no geo-awareness function.',
    zh: () => '無人機沒有地理警示功能。',
  },
  'equipment.failSafe': {
    en: () => 'The aircraft has no fail-safe function.',
    zh: () => '無人機沒有失效安全功能。',
  },
  'equipment.remoteId': {
    en: () => 'The aircraft has no remote identification.',
    zh: () => '無人機沒有遙距識別功能。',
  },
  'aircraft-per-pilot.exceeded': {
    en: (d) => `One remote pilot would fly ${d('measured')} at a time; the limit is ${d('limit')}.`,
    zh: (d) => `一名遙距駕駛員同時操作 ${d('measured')}，上限為 ${d('limit')}。`,
  },
  'max-dimension.exceeded': {
    en: (d) => `The aircraft measures ${d('measured')}, more than the maximum dimension of ${d('limit')}.`,
    zh: (d) => `無人機尺寸 ${d('measured')}，超過最大尺寸 ${d('limit')}。`,
  },
  'max-dimension.rotor-tips': {
    en: (d) => `The rotor-tip span of ${d('measured')} exceeds ${d('limit')}.`,
    zh: (d) => `旋翼翼尖距離 ${d('measured')}，超過 ${d('limit')}。`,
  },
  'persons-or-animals.carried': {
    en: () => 'The aircraft would carry persons or animals.',
    zh: () => '無人機會搭載人或動物。',
  },
  'dropping.planned': {
    en: () => 'Articles would be dropped from the aircraft.',
    zh: () => '會從無人機投擲物品。',
  },
  'dangerous-goods.carried': {
    en: () => 'The aircraft would carry dangerous goods.',
    zh: () => '無人機會載運危險品。',
  },
  'category-permission.required': {
    en: (d) => `Every operation of a category ${d('category')} aircraft (${d('measured')}) needs CAD permission.`,
    zh: (d) => `操作${d('categoryName')}無人機（${d('measured')}）須獲民航處許可。`,
  },
  'scope.out': {
    en: (d) =>
      `At ${d('measured')} the aircraft is heavier than ${d('limit')}: outside the Order, so no SUA permission can cover it.`,
    zh: (d) => `無人機重 ${d('measured')}，超過 ${d('limit')}：不屬本命令範圍，不能以小型無人機許可涵蓋。`,
  },
  'record-keeping.reminder': {
    en: (d) =>
      `Information on this operation under CAD permission must be kept for ${d('months')} months and be accessible in Hong Kong.`,
    zh: (d) => `在民航處許可下進行的操作資料須保存 ${d('months')} 個月，並可在香港查閱。`,
  },
  'max-height.exceeded': {
    en: (d) => `Height ${d('measured')} exceeds the limit of ${d('limit')}.`,
    zh: (d) => `高度 ${d('measured')} 超過上限 ${d('limit')}。`,
  },
  'max-speed.exceeded': {
    en: (d) => `Speed ${d('measured')} exceeds the limit of ${d('limit')}.`,
    zh: (d) => `速度 ${d('measured')} 超過上限 ${d('limit')}。`,
  },
  'vlos.declared-bvlos': {
    en: () => 'The flight is planned beyond visual line of sight (BVLOS).',
    zh: () => '計劃在視線範圍以外（BVLOS）飛行。',
  },
  'vlos.range': {
    en: (d) => `The aircraft is ${d('measured')} from the remote pilot, beyond the VLOS range of ${d('limit')}.`,
    zh: (d) => `無人機距離遙距駕駛員 ${d('measured')}，超出目視範圍 ${d('limit')}。`,
  },
  'daylight.after-sunset': {
    en: (d) => `Flight at ${d('time')} is at night (sunset ${d('sunEvent')}; night definition: ${d('night')}).`,
    zh: (d) => `${d('time')} 的飛行屬夜間（日落 ${d('sunEvent')}；夜間定義：${d('night')}）。`,
  },
  'daylight.before-sunrise': {
    en: (d) => `Flight at ${d('time')} is at night (sunrise ${d('sunEvent')}; night definition: ${d('night')}).`,
    zh: (d) => `${d('time')} 的飛行屬夜間（日出 ${d('sunEvent')}；夜間定義：${d('night')}）。`,
  },
  'zone-entry.prohibited': {
    en: (d) =>
      `The flight enters ${d('zone')} (${d('zoneId')}), where flying is prohibited; no SUA permission cures this.`,
    zh: (d) => `飛行進入${d('zone')}（${d('zoneId')}），該處禁止飛行；小型無人機許可不能豁免。`,
  },
  'zone-entry.requires-permission': {
    en: (d) => `The flight enters the restricted flying zone ${d('zone')} (${d('zoneId')}) and needs CAD permission.`,
    zh: (d) => `飛行進入限制飛行區${d('zone')}（${d('zoneId')}），須獲民航處許可。`,
  },
  'zone-entry.advisory': {
    en: (d) => `The flight passes through ${d('zone')} (${d('zoneId')}); for information.`,
    zh: (d) => `飛行經過${d('zone')}（${d('zoneId')}）；僅供參考。`,
  },
  'cross-boundary.outside': {
    en: () =>
      'The flight leaves the HKSAR boundary: a cross-boundary operation needs prior CAD permission at any weight.',
    zh: () => '飛行離開香港特區邊界：跨境操作不論重量均須事先獲民航處許可。',
  },
  'cross-boundary.no-boundary': {
    en: () => 'No HKSAR boundary zone is in the airspace used, so cross-boundary flight could not be checked.',
    zh: () => '所用空域沒有香港特區邊界區域，未能檢查跨境飛行。',
  },
  'lateral-distance.declared': {
    en: (d) =>
      `The plan comes within ${d('measured')} of uninvolved persons or property; the minimum is ${d('limit')}.`,
    zh: (d) => `計劃與無關人士或財物的距離為 ${d('measured')}，最少須保持 ${d('limit')}。`,
  },
  'lateral-distance.zone': {
    en: (d) =>
      `The aircraft comes within ${d('measured')} of ${d('zone')} (${d('zoneId')}); the minimum is ${d('limit')}.`,
    zh: (d) => `無人機與${d('zone')}（${d('zoneId')}）距離 ${d('measured')}，最少須保持 ${d('limit')}。`,
  },
  'enclosed.exempt': {
    en: (d) => `${d('inner')} Not an advanced operation: the whole flight is inside an enclosed area (s.6).`,
    zh: (d) => `${d('inner')} 整個飛行均在封閉範圍內（第6條），不屬進階操作。`,
  },
  'permission.envelope-left': {
    en: (d) => `The flight leaves the envelope (${d('what')}) of the declared permission ${d('permission')}.`,
    zh: (d) => `飛行超出所申報許可 ${d('permission')} 的範圍（${d('what')}）。`,
  },
  'permission.aircraft': {
    en: (d) => `The aircraft is outside the envelope of permission ${d('permission')}: ${d('what')}.`,
    zh: (d) => `無人機不符合許可 ${d('permission')} 的機種範圍：${d('what')}。`,
  },
  'permission.condition': {
    en: (d) => `A condition of permission ${d('permission')} is not met: ${d('what')}.`,
    zh: (d) => `未符合許可 ${d('permission')} 的條件：${d('what')}。`,
  },
  'input.invalid': {
    en: (d) => `The flight plan is not valid: ${d('issues')}`,
    zh: (d) => `飛行計劃無效：${d('issues')}`,
  },
};

const triggerNames: Record<Trigger, LocalizedText> = {
  night: { en: 'flying at night', zh: '夜間飛行' },
  bvlos: { en: 'flying beyond visual line of sight', zh: '視線範圍以外飛行' },
  height: { en: 'exceeding the maximum height', zh: '超過最高高度' },
  'lateral-distance': { en: 'less than the minimum lateral distance', zh: '少於最小水平距離' },
  speed: { en: 'exceeding the maximum speed', zh: '超過最高速度' },
  'aircraft-per-pilot': { en: 'more than one aircraft per pilot', zh: '一名駕駛員操作多於一架無人機' },
  size: { en: 'exceeding the maximum dimension', zh: '超過最大尺寸' },
  'persons-or-animals': { en: 'carrying persons or animals', zh: '搭載人或動物' },
  dropping: { en: 'dropping articles', zh: '投擲物品' },
  'dangerous-goods': { en: 'carrying dangerous goods', zh: '載運危險品' },
  'restricted-flying-zone': { en: 'flying in a restricted flying zone', zh: '在限制飛行區內飛行' },
  'category-b': { en: 'operating a category B aircraft', zh: '操作乙類無人機' },
  'category-c': { en: 'operating a category C aircraft', zh: '操作丙類無人機' },
  'cross-boundary': { en: 'a cross-boundary operation', zh: '跨境操作' },
};

const isNamed = (t: PermissionTrigger): t is Trigger => Object.hasOwn(triggerNames, t);

/** The name of a trigger; a category's own trigger ("category-d") is named from its id. */
export function triggerName(t: PermissionTrigger): LocalizedText {
  if (isNamed(t)) return triggerNames[t];
  const id = t.slice('category-'.length).toUpperCase();
  return { en: `operating a category ${id} aircraft`, zh: `操作${id}類無人機` };
}

/** "CAD permission is needed for flying at night." */
export function permissionRequiredText(t: PermissionTrigger): LocalizedText {
  const n = triggerName(t);
  return { en: `CAD permission is needed for ${n.en}.`, zh: `${n.zh}須獲民航處許可。` };
}

export function formatQuantity(q: Quantity): string {
  const v = Number.isInteger(q.value) ? q.value.toLocaleString('en-US') : String(q.value);
  if (q.unit === 'HKD') return `HK$${v}`;
  return `${v} ${q.unit}`;
}

function lookup(data: MsgData, lang: Lang): (key: string) => string {
  return (key) => {
    const v = data[key];
    if (v === undefined) return `{${key}}`;
    if (typeof v === 'object') return v[lang];
    return String(v);
  };
}

/** Render a message in both languages. Unknown codes still render (the code itself), never throw. */
export function render(msg: Msg, measured?: Quantity, limit?: Quantity): LocalizedText {
  const data: MsgData = { ...msg.data };
  if (measured) data.measured = formatQuantity(measured);
  if (limit) data.limit = formatQuantity(limit);
  const t = templates[msg.code];
  if (!t) return { en: msg.code, zh: msg.code };
  return { en: t.en(lookup(data, 'en')), zh: t.zh(lookup(data, 'zh')) };
}

export function hasTemplate(code: string): boolean {
  return code in templates;
}
