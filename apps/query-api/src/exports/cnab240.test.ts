// CNAB 240's rules that the HTTP suite does not reach cheaply: which accounts and statements it
// refuses (table-driven), a debtor balance, and text as the layout wants it (upper-case ASCII,
// accents dropped, cut to the field). Positions are FEBRABAN's, 1-based, inclusive.
import type { StatementLine } from '@flow/ledger-core';
import { cnab240Format, cnabSegmentsMax } from './cnab240.ts';
import type { ExportContext } from './export-format.ts';

test.each([
  ['0001', '100001', 10, null],
  ['12345', '123456789012', cnabSegmentsMax, null],
  ['123456', '1', 0, 'branch'],
  ['0001', '1234567890123', 0, 'account'],
  ['VIRT', '1', 0, 'branch'],
  ['0001', 'X1', 0, 'account'],
  ['0001', '1', cnabSegmentsMax + 1, 'lines'],
])('branch %s, account %s, %d lines: refused for %s', (branch, account, lineCount, refused) => {
  const refusal = cnab240Format.refusal!({ branch, account }, lineCount);
  if (refused === null) expect(refusal).toBeNull();
  else expect(refusal).toMatch(refused === 'lines' ? /at most 99999 lines/ : /at most 5 digits and an account of at most 12 digits/);
});

test('a debtor balance is D; text is upper-case ASCII without accents, cut to its field', () => {
  const context: ExportContext = {
    summary: { branch: '1', account: '2', from: '2026-11-01', to: '2026-11-30', openingBalance: '-12.34', closingBalance: '0.00', asOf: null },
    holderName: 'Açaí & Pão de Queijo — Comércio de Alimentos Ltda',
    generatedAt: new Date('2026-12-01T10:20:30Z'),
    config: { bankCode: '001', bankName: 'Banco', cnabAgreement: '' },
  };
  const line: StatementLine = {
    id: 'ab', dateRef: '2026-11-02', seq: '1', eventCode: 123456, eventDescription: 'Transferência entre contas correntes', description: null,
    traceKey: 't', reverses: 'cd', debit: null, credit: '5.00', balanceBefore: '-12.34', balanceAfter: '-7.34',
  };
  const writer = cnab240Format.writer(context);
  const [fileHeader, lotHeader] = writer.head().split('\r\n') as [string, string];
  const segment = writer.lines([line]).slice(0, -2);
  const at = (record: string, first: number, last: number) => record.slice(first - 1, last);
  expect(at(fileHeader, 73, 102)).toBe('ACAI & PAO DE QUEIJO   COMERCI');
  expect([at(fileHeader, 144, 151), at(fileHeader, 152, 157), at(fileHeader, 53, 57), at(fileHeader, 59, 70)])
    .toEqual(['01122026', '102030', '00001', '000000000002']);
  expect([at(lotHeader, 151, 168), at(lotHeader, 169, 169)]).toEqual(['000000000000001234', 'D']);
  // A reversal's category is "estorno" (204 on the credit side); a code longer than 4 digits leaves the field blank.
  expect([at(segment, 169, 169), at(segment, 170, 172), at(segment, 173, 176), at(segment, 177, 201)])
    .toEqual(['C', '204', '    ', 'TRANSFERENCIA ENTRE CONTA']);
});
