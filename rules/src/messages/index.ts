/**
 * Messages as data. Findings, permission entries and report assumptions carry a `code` and its `params`; the
 * catalogues here word them in English and Traditional Chinese. Clients import the catalogues and
 * `renderMessage` to word what they show in the user's language.
 */
export { catalogueProblems } from './check.js';
export { declaredParams, isMessageCode, MESSAGE_PARAMS, MessageCode, type ParamsOf } from './codes.js';
export { en } from './en.js';
export { formatQuantity, quantityParam } from './format.js';
export {
  type Catalogue,
  catalogues,
  joinList,
  LOCALES,
  type Locale,
  Message,
  MessageParam,
  MessageParams,
  messageText,
  pickParams,
  placeholders,
  renderBoth,
  renderMessage,
  worded,
} from './render.js';
export { isWordedUnit, UNIT_ZH, unitZh, type WordedUnit, wordUnit } from './units.js';
export { zhHant } from './zh-hant.js';
