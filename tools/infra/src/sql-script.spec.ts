import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { systemDatabase } from '@edr/topology';
import { splitSqlScript, SqlScriptError } from './sql-script.js';

const statements = (script: string) =>
  splitSqlScript(script).map((step) => (step.kind === 'statement' ? step.sql : `\\connect ${step.database}`));

describe('splitSqlScript', () => {
  test('splits on semicolons and keeps the line of each statement', () => {
    expect(splitSqlScript('CREATE ROLE a;\n\nCREATE ROLE b;\n')).toEqual([
      { kind: 'statement', sql: 'CREATE ROLE a', line: 1 },
      { kind: 'statement', sql: 'CREATE ROLE b', line: 3 },
    ]);
  });

  test('turns \\connect and \\c lines into directives', () => {
    expect(statements('SELECT 1;\n\\connect order_db\nSELECT 2;\n\\c "payment_db"\n')).toEqual([
      'SELECT 1',
      '\\connect order_db',
      'SELECT 2',
      '\\connect payment_db',
    ]);
  });

  test('ignores semicolons inside strings, identifiers, comments and dollar quotes', () => {
    const script = [
      "INSERT INTO t VALUES ('a;b', 'it''s; fine', E'x\\';y');",
      'CREATE TABLE "odd;name" (id int); -- trailing; comment',
      '/* block; /* nested; */ still comment; */ SELECT 1;',
      'SELECT $$a;b$$, $tag$c;$$;d$tag$;',
    ].join('\n');
    expect(statements(script)).toEqual([
      "INSERT INTO t VALUES ('a;b', 'it''s; fine', E'x\\';y')",
      'CREATE TABLE "odd;name" (id int)',
      'SELECT 1',
      'SELECT $$a;b$$, $tag$c;$$;d$tag$',
    ]);
  });

  test('does not mistake a positional parameter for a dollar quote', () => {
    expect(statements('SELECT $1; SELECT 2;')).toEqual(['SELECT $1', 'SELECT 2']);
  });

  test('drops comment-only chunks and keeps a last statement without semicolon', () => {
    expect(statements('-- header\n/* note */\nSELECT 1;\n-- between\nSELECT 2')).toEqual([
      'SELECT 1',
      'SELECT 2',
    ]);
  });

  test('rejects other psql meta-commands with their line number', () => {
    expect(() => splitSqlScript('SELECT 1;\n\\set ON_ERROR_STOP on\n')).toThrow(
      new SqlScriptError(
        'line 2: unsupported psql meta-command "\\set ON_ERROR_STOP on" (only "\\connect <database>" is allowed, because tools/infra runs this file without psql)',
      ),
    );
  });

  test('rejects a meta-command in the middle of a statement', () => {
    expect(() => splitSqlScript('SELECT 1\n\\connect x\n;')).toThrow(
      /line 2: psql meta-command inside a statement/,
    );
  });

  test('reports unterminated strings and comments', () => {
    expect(() => splitSqlScript("SELECT 'open;")).toThrow(/line 1: unterminated string/);
    expect(() => splitSqlScript('SELECT 1;\n/* open')).toThrow(/line 2: unterminated \/\* comment/);
    expect(() => splitSqlScript('SELECT $x$ open')).toThrow(/unterminated dollar-quoted string \$x\$/);
  });

  test('infra/postgres/init.sql splits into plain statements and one \\connect, to the system database', () => {
    const script = readFileSync(new URL('../../../infra/postgres/init.sql', import.meta.url), 'utf8');
    const steps = splitSqlScript(script);
    expect(
      steps.filter((s) => s.kind === 'connect').map((s) => (s.kind === 'connect' ? s.database : '')),
    ).toEqual([systemDatabase]);
    // DO blocks would need psql-free handling of their "already exists" cases; the file promises none.
    expect(steps.some((s) => s.kind === 'statement' && /^DO\b/i.test(s.sql))).toBe(false);
  });
});
