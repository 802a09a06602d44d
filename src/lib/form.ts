/** A parsed application/x-www-form-urlencoded body that remembers parameters given more than once. */
export interface FormBody {
  params: Record<string, string>;
  /** Names that appeared more than once (OAuth forbids repeating a parameter). */
  duplicates: string[];
}

export function parseForm(body: string): FormBody {
  const params: Record<string, string> = Object.create(null);
  const duplicates: string[] = [];
  for (const [name, value] of new URLSearchParams(body)) {
    if (name in params) duplicates.push(name);
    else params[name] = value;
  }
  return { params, duplicates };
}

export function isFormBody(value: unknown): value is FormBody {
  return typeof value === 'object' && value !== null && 'params' in value && 'duplicates' in value;
}
