// The subset of Discord's request validation that real bots trip over in
// production (message length, embed limits, empty messages, autocomplete
// limits). Errors use Discord's shape so discord.js raises DiscordAPIError.

export interface ApiError {
  status: number;
  body: { message: string; code: number; errors?: Record<string, unknown> };
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export const apiError = (status: number, code: number, message: string): ApiError => ({
  status,
  body: { message, code },
});

/** One `Invalid Form Body` error per offending field path, like Discord returns. */
function invalidForm(problems: Array<[path: string, code: string, message: string]>): ApiError {
  const errors: JsonObject = {};
  for (const [path, code, message] of problems) {
    let node = errors;
    for (const key of path.split('.')) {
      const child = isObject(node[key]) ? (node[key] as JsonObject) : {};
      node[key] = child;
      node = child;
    }
    node['_errors'] = [{ code, message }];
  }
  return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors } };
}

function maxLength(problems: Array<[string, string, string]>, path: string, value: unknown, limit: number): void {
  if (str(value).length > limit) {
    problems.push([path, 'BASE_TYPE_MAX_LENGTH', `Must be ${limit} or fewer in length.`]);
  }
}

function embedProblems(embeds: unknown[]): Array<[string, string, string]> {
  const problems: Array<[string, string, string]> = [];
  if (embeds.length > 10) problems.push(['embeds', 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.']);
  let total = 0;
  embeds.forEach((raw, i) => {
    const embed = isObject(raw) ? raw : {};
    const author = isObject(embed['author']) ? embed['author'] : {};
    const footer = isObject(embed['footer']) ? embed['footer'] : {};
    const fields = asArray(embed['fields']);
    maxLength(problems, `embeds.${i}.title`, embed['title'], 256);
    maxLength(problems, `embeds.${i}.description`, embed['description'], 4096);
    maxLength(problems, `embeds.${i}.author.name`, author['name'], 256);
    maxLength(problems, `embeds.${i}.footer.text`, footer['text'], 2048);
    if (fields.length > 25) problems.push([`embeds.${i}.fields`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.']);
    total += [embed['title'], embed['description'], author['name'], footer['text']].map(str).join('').length;
    fields.forEach((rawField, j) => {
      const field = isObject(rawField) ? rawField : {};
      maxLength(problems, `embeds.${i}.fields.${j}.name`, field['name'], 256);
      maxLength(problems, `embeds.${i}.fields.${j}.value`, field['value'], 1024);
      for (const key of ['name', 'value'])
        if (str(field[key]).trim() === '') problems.push([`embeds.${i}.fields.${j}.${key}`, 'BASE_TYPE_REQUIRED', 'This field is required']);
      total += str(field['name']).length + str(field['value']).length;
    });
  });
  if (total > 6000) problems.push(['embeds', 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000']);
  return problems;
}

function componentProblems(components: unknown[]): Array<[string, string, string]> {
  const problems: Array<[string, string, string]> = [];
  const customIds = new Set<string>();
  // Legacy (non components-v2) messages: at most 5 action rows of at most 5 buttons.
  if (components.length > 5) problems.push(['components', 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.']);
  components.forEach((row, i) => {
    if (isObject(row) && row['type'] === 1 && asArray(row['components']).length > 5)
      problems.push([`components.${i}.components`, 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.']);
  });
  const visit = (node: unknown, path: string): void => {
    if (!isObject(node)) return;
    const id = node['custom_id'];
    if (typeof id === 'string') {
      if (customIds.has(id)) problems.push([`${path}.custom_id`, 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated']);
      customIds.add(id);
    }
    maxLength(problems, `${path}.custom_id`, node['custom_id'], 100);
    if (node['type'] === 2) maxLength(problems, `${path}.label`, node['label'], 80);
    asArray(node['components']).forEach((child, i) => visit(child, `${path}.components.${i}`));
  };
  components.forEach((c, i) => visit(c, `components.${i}`));
  return problems;
}

/**
 * Validates a message create/edit body. `requireContent` is false for edits,
 * where omitted fields keep their previous value.
 */
export function validateMessageBody(body: JsonObject, fileCount: number, requireContent: boolean): ApiError | null {
  const problems: Array<[string, string, string]> = [];
  maxLength(problems, 'content', body['content'], 2000);
  problems.push(...embedProblems(asArray(body['embeds'])), ...componentProblems(asArray(body['components'])));
  const allowed = isObject(body['allowed_mentions']) ? body['allowed_mentions'] : {};
  const parse = asArray(allowed['parse']);
  for (const kind of ['users', 'roles'])
    if (parse.includes(kind) && allowed[kind] !== undefined)
      problems.push([`allowed_mentions.${kind}`, 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', `parse:["${kind}"] and ${kind}: [ids] are mutually exclusive.`]);
  if (problems.length > 0) return invalidForm(problems);
  const isEmpty =
    str(body['content']) === '' &&
    asArray(body['embeds']).length === 0 &&
    asArray(body['components']).length === 0 &&
    asArray(body['sticker_ids']).length === 0 &&
    body['poll'] === undefined &&
    fileCount === 0;
  return requireContent && isEmpty ? apiError(400, 50006, 'Cannot send an empty message') : null;
}

export function validateAutocompleteChoices(data: JsonObject): ApiError | null {
  const choices = asArray(data['choices']);
  const problems: Array<[string, string, string]> = [];
  if (choices.length > 25) problems.push(['data.choices', 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.']);
  choices.forEach((raw, i) => {
    const choice = isObject(raw) ? raw : {};
    maxLength(problems, `data.choices.${i}.name`, choice['name'], 100);
    if (str(choice['name']).length === 0) problems.push([`data.choices.${i}.name`, 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.']);
    maxLength(problems, `data.choices.${i}.value`, choice['value'], 100);
  });
  return problems.length > 0 ? invalidForm(problems) : null;
}
