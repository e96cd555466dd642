/**
 * Splits a psql script (infra/postgres/init.sql) into statements and `\connect` directives, so node-postgres can run
 * the same file the postgres image runs with psql. Understands quotes, comments and dollar quotes; any psql
 * meta-command other than `\connect`/`\c` is rejected rather than silently skipped.
 */
export type ScriptStep =
  | { readonly kind: 'statement'; readonly sql: string; readonly line: number }
  | { readonly kind: 'connect'; readonly database: string; readonly line: number };

export class SqlScriptError extends Error {
  override readonly name = 'SqlScriptError';
}

export function splitSqlScript(script: string): ScriptStep[] {
  const steps: ScriptStep[] = [];
  let start = 0; // start of the current statement's text
  let line = 1;
  let firstCodeLine: number | undefined; // line of the first non-comment character of the current statement
  let i = 0;

  const flush = (end: number) => {
    if (firstCodeLine !== undefined)
      steps.push({ kind: 'statement', sql: script.slice(start, end).trim(), line: firstCodeLine });
    firstCodeLine = undefined;
  };

  while (i < script.length) {
    const c = script[i] as string;
    const next = script[i + 1];
    if (c === '\n') {
      line += 1;
      i += 1;
    } else if (/\s/.test(c)) {
      i += 1;
    } else if (c === '-' && next === '-') {
      i = skipTo(script, i, '\n');
    } else if (c === '/' && next === '*') {
      const end = blockCommentEnd(script, i, line);
      line += countLines(script, i, end);
      i = end;
    } else if (c === '\\') {
      if (firstCodeLine !== undefined) {
        throw new SqlScriptError(
          `line ${line}: psql meta-command inside a statement (missing ';' before it?)`,
        );
      }
      const end = skipTo(script, i, '\n');
      steps.push(metaCommand(script.slice(i, end).trim(), line));
      i = end;
      start = i;
    } else if (c === ';') {
      flush(i);
      i += 1;
      start = i;
    } else {
      if (firstCodeLine === undefined) {
        firstCodeLine = line;
        start = i;
      }
      const end = tokenEnd(script, i, line);
      line += countLines(script, i, end);
      i = end;
    }
  }
  flush(script.length);
  return steps;
}

function metaCommand(text: string, line: number): ScriptStep {
  const [command, argument, ...rest] = text.split(/\s+/);
  if ((command === '\\connect' || command === '\\c') && argument && rest.length === 0) {
    return { kind: 'connect', database: argument.replace(/^"(.*)"$/, '$1'), line };
  }
  throw new SqlScriptError(
    `line ${line}: unsupported psql meta-command "${text}" (only "\\connect <database>" is allowed, ` +
      'because tools/infra runs this file without psql)',
  );
}

/** End (exclusive) of the token starting at `i`: a quoted string, identifier, dollar-quoted body or one character. */
function tokenEnd(s: string, i: number, line: number): number {
  const c = s[i] as string;
  if (c === "'") {
    const escapes = /[eE]/.test(s[i - 1] ?? '') && !/[\w$]/.test(s[i - 2] ?? '');
    return quotedEnd(s, i, "'", escapes, line);
  }
  if (c === '"') return quotedEnd(s, i, '"', false, line);
  if (c === '$' && !/[\w$]/.test(s[i - 1] ?? '')) {
    const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(s.slice(i))?.[0];
    if (tag) {
      const close = s.indexOf(tag, i + tag.length);
      if (close < 0) throw new SqlScriptError(`line ${line}: unterminated dollar-quoted string ${tag}`);
      return close + tag.length;
    }
  }
  return i + 1;
}

function quotedEnd(s: string, i: number, quote: string, backslashEscapes: boolean, line: number): number {
  let j = i + 1;
  while (j < s.length) {
    if (backslashEscapes && s[j] === '\\') j += 2;
    else if (s[j] === quote && s[j + 1] === quote)
      j += 2; // doubled quote = literal quote
    else if (s[j] === quote) return j + 1;
    else j += 1;
  }
  throw new SqlScriptError(`line ${line}: unterminated ${quote === "'" ? 'string' : 'quoted identifier'}`);
}

/** PostgreSQL block comments nest. */
function blockCommentEnd(s: string, i: number, line: number): number {
  let depth = 0;
  let j = i;
  while (j < s.length) {
    if (s[j] === '/' && s[j + 1] === '*') {
      depth += 1;
      j += 2;
    } else if (s[j] === '*' && s[j + 1] === '/') {
      depth -= 1;
      j += 2;
      if (depth === 0) return j;
    } else j += 1;
  }
  throw new SqlScriptError(`line ${line}: unterminated /* comment`);
}

function skipTo(s: string, i: number, char: string): number {
  const j = s.indexOf(char, i);
  return j < 0 ? s.length : j;
}

function countLines(s: string, from: number, to: number): number {
  let n = 0;
  for (let j = from; j < to; j += 1) if (s[j] === '\n') n += 1;
  return n;
}
