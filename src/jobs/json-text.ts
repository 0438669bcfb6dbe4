// Job data that is already JSON text (a webhook body as received): stored as is, never parsed and re-serialized.
export class JsonText {
  constructor(readonly text: string) {}
}

/** The stored form of job data. */
export const jobDataJson = (data: unknown): string =>
  data instanceof JsonText ? data.text : JSON.stringify(data ?? null);

/** The value form of job data, for stores that take objects (pg-boss). */
export const jobDataValue = (data: unknown): unknown =>
  data instanceof JsonText ? (JSON.parse(data.text) as unknown) : data;
