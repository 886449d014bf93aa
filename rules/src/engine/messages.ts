import type { Msg } from '../kinds/types.js';
import { formatQuantity, quantityParam } from '../messages/format.js';
import {
  isMessageCode,
  type MessageCode,
  type MessageParam,
  type MessageParams,
  pickParams,
  renderBoth,
} from '../messages/index.js';
import type { Assumption, LocalizedText, PermissionTrigger, Quantity, Trigger } from '../model/index.js';

export { formatQuantity };

/** The params of a rule's message: its own data plus the measured value and limit, worded in each language. */
export function msgParams(msg: Msg, measured?: Quantity, limit?: Quantity): MessageParams {
  return pickParams(msg.code, {
    ...msg.data,
    ...(measured && { measured: quantityParam(measured) }),
    ...(limit && { limit: quantityParam(limit) }),
  });
}

/** Render a message in both languages (the catalogues word it). Unknown codes render as themselves. */
export function render(
  msg: { code: string; data?: Msg['data'] },
  measured?: Quantity,
  limit?: Quantity,
): LocalizedText {
  if (!isMessageCode(msg.code)) return { en: msg.code, zh: msg.code };
  return renderBoth(msg.code, msgParams({ code: msg.code, data: msg.data }, measured, limit));
}

export function hasTemplate(code: string): boolean {
  return isMessageCode(code);
}

const NAMED_TRIGGERS: Record<Trigger, MessageCode> = {
  night: 'trigger.night',
  bvlos: 'trigger.bvlos',
  height: 'trigger.height',
  'lateral-distance': 'trigger.lateral-distance',
  speed: 'trigger.speed',
  'aircraft-per-pilot': 'trigger.aircraft-per-pilot',
  size: 'trigger.size',
  'persons-or-animals': 'trigger.persons-or-animals',
  dropping: 'trigger.dropping',
  'dangerous-goods': 'trigger.dangerous-goods',
  'restricted-flying-zone': 'trigger.restricted-flying-zone',
  'category-b': 'trigger.category-b',
  'category-c': 'trigger.category-c',
  'cross-boundary': 'trigger.cross-boundary',
};

const isNamed = (t: PermissionTrigger): t is Trigger => Object.hasOwn(NAMED_TRIGGERS, t);

/** The name of a trigger; a category's own trigger ("category-d") is named from its id. */
export function triggerName(t: PermissionTrigger): LocalizedText {
  if (isNamed(t)) return renderBoth(NAMED_TRIGGERS[t]);
  return renderBoth('trigger.category', { id: t.slice('category-'.length).toUpperCase() });
}

/** The message of a permission entry as data: "CAD permission is needed for flying at night." */
export function permissionRequiredMessage(t: PermissionTrigger): { code: MessageCode; params: MessageParams } {
  return { code: 'permission.required', params: { activity: triggerName(t) } };
}

/** "CAD permission is needed for flying at night." */
export function permissionRequiredText(t: PermissionTrigger): LocalizedText {
  const m = permissionRequiredMessage(t);
  return renderBoth(m.code, m.params);
}

/** A report assumption: worded by the catalogues, carrying its code and params beside the text. */
export function assumption(
  code: MessageCode,
  params: Readonly<Record<string, MessageParam | undefined>> = {},
): Assumption {
  const kept = pickParams(code, params);
  return { ...renderBoth(code, kept), code, params: kept };
}
