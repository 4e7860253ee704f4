/**
 * Request ids come from clients (`x-request-id`) and end up in every log line and audit item of a
 * request. Only a short token is taken as it is; anything else (newlines that forge log lines,
 * markup, kilobytes of padding, an id that looks like JSON) is replaced by a fresh id.
 */
export const REQUEST_ID_HEADER = 'x-request-id';

export const REQUEST_ID_FORMAT = /^[A-Za-z0-9._:-]{1,128}$/;

/** The id as sent when it is one, else undefined (the caller makes a fresh one). */
export function requestIdOf(value: string | string[] | null | undefined): string | undefined {
  return typeof value === 'string' && REQUEST_ID_FORMAT.test(value) ? value : undefined;
}
