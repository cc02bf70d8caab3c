// OFX 1.0.2 (SGML), the version accounting software imports: Quicken, QuickBooks (as .qbo),
// GnuCash, Microsoft Money, and the Brazilian ERPs that read the bank statements Brazilian banks
// publish — which are OFX 1.0.2 with CHARSET 1252 almost without exception. OFX 2.x (XML) is
// refused or half-read by much of that software, so 1.0.2 it is. One statement response
// (STMTRS): the account (BANKACCTFROM, BANKID from FLOW_EXPORT_BANK_CODE), the lines
// (BANKTRANLIST; FITID is the posting id, so an importer never takes an entry twice; TRNAMT
// signed, debits negative; NAME the histórico, at most 32 characters as 1.0.2 allows; MEMO the
// posting's description or else the histórico) and the ledger balance at the end of `to`
// (LEDGERBAL with its DTASOF). Text is Windows-1252: characters outside Latin-1's printable
// range become "?"; SGML's special characters are escaped.
import type { StatementLine } from '@flow/ledger-core';
import type { ExportContext, ExportFormat } from './export-format.ts';

const nameLengthMax = 32;
const memoLengthMax = 255;

export const ofxFormat: ExportFormat = {
  name: 'ofx',
  mediaType: 'application/x-ofx',
  contentType: 'application/x-ofx; charset=windows-1252',
  extension: 'ofx',
  encoding: 'latin1',
  writer: (context) => ({
    head: () => head(context),
    lines: (lines) => lines.map(transaction).join(''),
    tail: () => tail(context),
  }),
};

function head({ summary, generatedAt, config }: ExportContext): string {
  return [
    'OFXHEADER:100', 'DATA:OFXSGML', 'VERSION:102', 'SECURITY:NONE', 'ENCODING:USASCII', 'CHARSET:1252',
    'COMPRESSION:NONE', 'OLDFILEUID:NONE', 'NEWFILEUID:NONE', '',
    '<OFX>', '<SIGNONMSGSRSV1>', '<SONRS>', '<STATUS>', '<CODE>0', '<SEVERITY>INFO', '</STATUS>',
    `<DTSERVER>${ofxInstant(generatedAt)}`, '<LANGUAGE>POR', '</SONRS>', '</SIGNONMSGSRSV1>',
    '<BANKMSGSRSV1>', '<STMTTRNRS>', '<TRNUID>1', '<STATUS>', '<CODE>0', '<SEVERITY>INFO', '</STATUS>',
    '<STMTRS>', '<CURDEF>BRL', '<BANKACCTFROM>', `<BANKID>${config.bankCode}`, `<BRANCHID>${summary.branch}`,
    `<ACCTID>${summary.account}`, '<ACCTTYPE>CHECKING', '</BANKACCTFROM>',
    '<BANKTRANLIST>', `<DTSTART>${ofxDate(summary.from)}`, `<DTEND>${ofxDate(summary.to)}`,
  ].map((line) => `${line}\r\n`).join('');
}

function transaction(line: StatementLine): string {
  const name = text(line.eventDescription ?? `Evento ${line.eventCode}`, nameLengthMax);
  const memo = text(line.description ?? line.eventDescription ?? '', memoLengthMax);
  return [
    '<STMTTRN>',
    `<TRNTYPE>${line.debit === null ? 'CREDIT' : 'DEBIT'}`,
    `<DTPOSTED>${ofxDate(line.dateRef)}`,
    `<TRNAMT>${line.debit === null ? line.credit! : `-${line.debit}`}`,
    `<FITID>${line.id}`,
    `<NAME>${name}`,
    ...(memo === '' ? [] : [`<MEMO>${memo}`]),
    '</STMTTRN>',
  ].map((part) => `${part}\r\n`).join('');
}

function tail({ summary }: ExportContext): string {
  return [
    '</BANKTRANLIST>', '<LEDGERBAL>', `<BALAMT>${summary.closingBalance}`, `<DTASOF>${ofxDate(summary.to)}235959`,
    '</LEDGERBAL>', '</STMTRS>', '</STMTTRNRS>', '</BANKMSGSRSV1>', '</OFX>',
  ].map((line) => `${line}\r\n`).join('');
}

/** YYYYMMDD of a business date. */
function ofxDate(date: string): string {
  return date.replaceAll('-', '');
}

/** YYYYMMDDHHMMSS.XXX[0:GMT] of an instant. */
function ofxInstant(at: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '')}${iso.slice(11, 19).replaceAll(':', '')}.${iso.slice(20, 23)}[0:GMT]`;
}

/** One line of Latin-1 text, SGML-escaped, at most `lengthMax` characters before escaping. */
function text(value: string, lengthMax: number): string {
  const printable = value.replace(/[\r\n\t]+/g, ' ').replace(/[^\x20-\x7e\xa0-\xff]/gu, '?').trim();
  return [...printable].slice(0, lengthMax).join('')
    .replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
