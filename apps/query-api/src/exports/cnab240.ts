// CNAB 240, FEBRABAN's "extrato para conciliação bancária" (service 04, operation E, lot layout
// 033): a file header (record 0), one lot per statement — its header (record 1) with the
// opening balance, one segment E (record 3) per line, its trailer (record 5) with the closing
// balance, the record count and the debit and credit totals — and a file trailer (record 9).
// Every record is 240 characters and ends in CRLF; numeric fields are zero-padded on the left,
// alphanumeric ones upper-case ASCII padded with blanks on the right.
//
// Where the fields come from:
//   bank code and name, the agreement (convênio): configuration (FLOW_EXPORT_BANK_CODE,
//     FLOW_EXPORT_BANK_NAME, FLOW_EXPORT_CNAB_AGREEMENT) — no ledger row holds them;
//   agência and conta: the account's branch and account, so CNAB needs a branch of at most 5
//     digits and an account of at most 12 (a 400 otherwise); Flow keeps no check digits: blank;
//   company name: the account's holder name; company document type 0 (not informed) and zeros,
//     as Flow registers no CPF/CNPJ;
//   segment E: nature DPV (available funds); category 104 (debit) or 205 (credit), "lançamento
//     avisado", or 103/204 "estorno" for a reversal; the bank's histórico code is the event code
//     when it fits the field's 4 characters (blank otherwise) and its description the event's;
//     the document number is the posting id, the key a reconciler matches on;
//   file sequence number (NSA) 1: an export is a read, not a numbered series of files; generation
//     date and time in UTC.
// A lot holds at most 99,999 segments (its sequence field): a longer statement is refused.
import type { StatementLine } from '@flow/ledger-core';
import { centsDigits, type ExportContext, type ExportFormat } from './export-format.ts';

export const cnabSegmentsMax = 99_999;
const fileLayoutVersion = '089';
const lotLayoutVersion = '033';
const lot = '0001';

export const cnab240Format: ExportFormat = {
  name: 'cnab240',
  mediaType: 'text/x-cnab240',
  contentType: 'text/x-cnab240; charset=us-ascii',
  extension: 'ret',
  encoding: 'latin1',
  refusal: (key, lineCount) => {
    if (!/^\d{1,5}$/.test(key.branch) || !/^\d{1,12}$/.test(key.account)) {
      return 'cnab240 needs a branch of at most 5 digits and an account of at most 12 digits';
    }
    return lineCount > cnabSegmentsMax ? `cnab240 holds at most ${cnabSegmentsMax} lines; narrow the range` : null;
  },
  writer: (context) => {
    let segments = 0;
    let debitCents = 0n;
    let creditCents = 0n;
    return {
      head: () => fileHeader(context) + lotHeader(context),
      lines: (lines) => lines.map((line) => {
        segments++;
        if (line.debit !== null) debitCents += BigInt(centsDigits(line.debit));
        else creditCents += BigInt(centsDigits(line.credit!));
        return segmentE(context, line, segments);
      }).join(''),
      tail: () => lotTrailer(context, segments, debitCents, creditCents) + fileTrailer(context, segments),
    };
  },
};

/** Positions 1–8 and the company block 18–102 every record of the lot repeats. */
function company({ config, summary, holderName }: ExportContext): string {
  return '0' + number('0', 14) + alpha(config.cnabAgreement, 20) + number(summary.branch, 5) + ' '
    + number(summary.account, 12) + '  ' + alpha(holderName ?? '', 30);
}

function fileHeader(context: ExportContext): string {
  const { config, generatedAt } = context;
  const iso = generatedAt.toISOString();
  return record(config.bankCode + '0000' + '0' + blank(9) + company(context) + alpha(config.bankName, 30) + blank(10)
    + '2' + cnabDate(iso.slice(0, 10)) + iso.slice(11, 19).replaceAll(':', '') + number('1', 6)
    + fileLayoutVersion + number('0', 5) + blank(20) + blank(20) + blank(29));
}

function lotHeader(context: ExportContext): string {
  const { config, summary } = context;
  return record(config.bankCode + lot + '1' + 'E' + '04' + '40' + lotLayoutVersion + ' ' + company(context) + blank(40)
    + cnabDate(summary.from) + balance(summary.openingBalance) + 'BRL' + number('1', 5) + blank(62));
}

function segmentE(context: ExportContext, line: StatementLine, sequence: number): string {
  const { config } = context;
  const amount = (line.debit ?? line.credit)!;
  const side = line.debit === null ? 'C' : 'D';
  const category = line.reverses === null ? (side === 'D' ? '104' : '205') : (side === 'D' ? '103' : '204');
  const historyCode = line.eventCode <= 9_999 ? number(String(line.eventCode), 4) : blank(4);
  return record(config.bankCode + lot + '3' + number(String(sequence), 5) + 'E' + blank(3) + company(context) + blank(6)
    + 'DPV' + '00' + blank(20) + 'N' + cnabDate(line.dateRef) + cnabDate(line.dateRef) + number(centsDigits(amount), 18)
    + side + category + historyCode + alpha(line.eventDescription ?? '', 25) + alpha(line.id, 39));
}

function lotTrailer(context: ExportContext, segments: number, debitCents: bigint, creditCents: bigint): string {
  const { config, summary } = context;
  return record(config.bankCode + lot + '5' + blank(9) + company(context).slice(0, 55) + blank(16)
    + number('0', 18) + number('0', 18) + number('0', 18) + cnabDate(summary.to) + balance(summary.closingBalance)
    + number(String(segments + 2), 6) + number(String(debitCents), 18) + number(String(creditCents), 18) + blank(28));
}

function fileTrailer({ config }: ExportContext, segments: number): string {
  return record(config.bankCode + '9999' + '9' + blank(9) + number('1', 6) + number(String(segments + 4), 6)
    + number('1', 6) + blank(205));
}

/** Value (18 digits, cents), situation D (debtor) or C (creditor), and position F (final). */
function balance(amount: string): string {
  return number(centsDigits(amount), 18) + (amount.startsWith('-') ? 'D' : 'C') + 'F';
}

function record(text: string): string {
  if (text.length !== 240) throw new Error(`a CNAB 240 record came out ${text.length} characters long`);
  return `${text}\r\n`;
}

function number(digits: string, width: number): string {
  return digits.padStart(width, '0').slice(-width);
}

function alpha(text: string, width: number): string {
  const ascii = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[^\x20-\x7e]/gu, ' ');
  return ascii.slice(0, width).padEnd(width, ' ');
}

function blank(width: number): string {
  return ' '.repeat(width);
}

/** DDMMAAAA of a business date. */
function cnabDate(date: string): string {
  return `${date.slice(8, 10)}${date.slice(5, 7)}${date.slice(0, 4)}`;
}
