/**
 * The zod functions the features bundle uses, from the one copy of zod the
 * activation bundle holds (one registry, one set of classes). Importing
 * `zod/mini` there would bundle a second zod; importing it whole from here
 * would keep all of zod in the activation bundle. Add a name when a lazily
 * loaded module needs it.
 */
export {
  array,
  boolean,
  discriminatedUnion,
  enum,
  literal,
  looseObject,
  maxLength,
  minLength,
  nullable,
  number,
  object,
  optional,
  record,
  string,
  union,
  unknown,
} from 'zod/mini';
export type { infer, ZodMiniType } from 'zod/mini';
