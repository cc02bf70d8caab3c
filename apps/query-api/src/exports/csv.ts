// CSV (RFC 4180): UTF-8, CRLF line ends, a header row, one record per statement line with its
// running balances; amounts with a decimal point, debit/credit in their own column. A text that
// a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading
// apostrophe (OWASP's CSV injection advice): descriptions come from clients.
import type { StatementLine } from '@flow/ledger-core';
import type { ExportFormat } from './export-format.ts';

export const csvColumns = [
  'dateRef', 'id', 'seq', 'eventCode', 'eventDescription', 'description', 'debitCredit', 'amount',
  'balanceBefore', 'balanceAfter', 'traceKey', 'reverses',
] as const;

export const csvFormat: ExportFormat = {
  name: 'csv',
  mediaType: 'text/csv',
  contentType: 'text/csv; charset=utf-8; header=present',
  extension: 'csv',
  encoding: 'utf8',
  writer: () => ({
    head: () => record(csvColumns),
    lines: (lines) => lines.map((line) => record(csvColumns.map((column) => csvValue(line, column)))).join(''),
    tail: () => '',
  }),
};

function csvValue(line: StatementLine, column: typeof csvColumns[number]): string {
  switch (column) {
    case 'debitCredit':
      return line.debit === null ? 'C' : 'D';
    case 'amount':
      return (line.debit ?? line.credit)!;
    case 'eventCode':
      return String(line.eventCode);
    case 'eventDescription':
    case 'description':
      return defused(line[column] ?? '');
    default:
      return line[column] ?? '';
  }
}

function defused(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function record(values: readonly string[]): string {
  return `${values.map(field).join(',')}\r\n`;
}

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
