/**
 * Shared request/response pieces for route files. They are defined once, in the HTTP contract
 * (@sua-sandbox/rules/api), with every operation's schemas; this module only re-exports them.
 */
export {
  AnyJson,
  ErrorBody,
  errors,
  IdParams,
  Paging,
  pickErrors,
  QueryFlag,
} from '@sua-sandbox/rules/api';
