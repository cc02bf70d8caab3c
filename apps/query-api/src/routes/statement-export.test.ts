// The statement exports over HTTP on every database target: CSV read back with csv-parse, OFX
// with ofx-js (parsers this project did not write), CNAB 240 checked field by field at the
// positions of FEBRABAN's layout, written out here independently of the writer; each export is
// compared with the JSON statement of the same range, read page by page. The ledger holds more
// lines than one database batch, so the exports cross batch boundaries.
import { statementFormats } from '@flow/contracts';
import { createAccount, createLedgerEngine, ledgerRules, type Database, type Transaction } from '@flow/ledger-core';
import { databaseTargets, fixtureEvents, makePosting, registerBranches, seedCatalog, type TestDatabase } from '@flow/ledger-core/testing';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseOfx } from 'ofx-js';
import request from 'supertest';
import { exportFormatNames } from '../exports/export-format.ts';
import { createTestApp, type TestApp } from '../testing.ts';

const now = () => new Date('2026-11-24T15:00:00Z');
const from = '2026-11-18';
const to = '2026-11-24';
const base = `/v1/accounts/0001/100001/statement?from=${from}&to=${to}`;
const exportConfig = { bankCode: '341', bankName: 'Banco Exemplo S.A.', cnabAgreement: 'CONV-0042' };
/** More than one FETCH batch (500 rows) of the export's cursor. */
const entryCount = 1_203;
const descriptions = [null, 'Pix recebido, ref. "A-1"', 'Tarifa & <juros>', 'Depósito em espécie', '=cmd|calc'];

interface JsonLine {
  id: string; dateRef: string; seq: string; eventCode: number; eventDescription: string | null; description: string | null;
  debitCredit: 'D' | 'C'; amount: string; balanceBefore: string; balanceAfter: string; traceKey: string; reverses: string | null;
}
interface JsonStatement { openingBalance: string; closingBalance: string; lines: JsonLine[]; nextCursor: string | null }

describe.each(databaseTargets())('statement exports on $name', (target) => {
  let db: TestDatabase;
  let api: TestApp;
  let json: JsonStatement;

  beforeAll(async () => {
    db = await target.create();
    await seedCatalog(db.database);
    await createAccount(db.database, { branch: '0001', account: '100001', status: 'active', holderName: 'José da Silva Comércio Ltda' });
    await registerBranches(db.database, ['VIRT']);
    await createAccount(db.database, { branch: 'VIRT', account: 'X1', status: 'active', holderName: null });
    const engine = createLedgerEngine({ database: db.database, rules: ledgerRules(), now });
    // An entry before the range gives a non-zero opening balance.
    await engine.applyBatch([makePosting({ dateRef: '2026-11-17', amount: '1000.00' })]);
    const postings = Array.from({ length: entryCount }, (_, index) => makePosting({
      dateRef: `2026-11-${String(18 + (index % 7)).padStart(2, '0')}`,
      amount: `${(index % 97) + 1}.${String(index % 100).padStart(2, '0')}`,
      debitCredit: index % 3 === 0 ? 'D' : 'C',
      eventCode: index % 3 === 0 ? fixtureEvents.debitOnly : fixtureEvents.both,
      description: descriptions[index % descriptions.length]!,
    }));
    const { outcomes } = await engine.applyBatch(postings);
    expect(outcomes.every((outcome) => outcome.status === 'posted')).toBe(true);
    api = await createTestApp(db.database, db.database, { statementExport: exportConfig });
    json = await jsonStatement(base);
  });
  afterAll(() => db.drop());

  const get = (path: string, accept?: string) => {
    const call = request(api.app).get(path).set('authorization', api.auth.reader);
    return accept === undefined ? call : call.set('accept', accept);
  };
  const download = (path: string, accept?: string) => get(path, accept).buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });

  async function jsonStatement(path: string): Promise<JsonStatement> {
    const first: JsonStatement = (await get(`${path}&limit=500`).expect(200)).body;
    const lines = [...first.lines];
    for (let cursor = first.nextCursor; cursor !== null;) {
      const page: JsonStatement = (await get(`${path}&limit=500&cursor=${encodeURIComponent(cursor)}`).expect(200)).body;
      lines.push(...page.lines);
      cursor = page.nextCursor;
    }
    return { ...first, lines, nextCursor: null };
  }

  test('CSV: RFC 4180 with a header row, one record per line with running balances, equal to the JSON statement', async () => {
    const response = await download(`${base}&format=csv`).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="extrato-0001-100001-${from}-${to}.csv"`);
    const text = (response.body as Buffer).toString('utf8');
    expect(text.startsWith('dateRef,id,seq,eventCode,eventDescription,description,debitCredit,amount,balanceBefore,balanceAfter,traceKey,reverses\r\n')).toBe(true);
    const records: Record<string, string>[] = parseCsv(text, { columns: true, record_delimiter: '\r\n' });
    expect(json.lines).toHaveLength(entryCount);
    expect(records).toHaveLength(entryCount);
    expect(records).toEqual(json.lines.map((line) => ({
      dateRef: line.dateRef, id: line.id, seq: line.seq, eventCode: String(line.eventCode), eventDescription: line.eventDescription ?? '',
      // A text a spreadsheet would run as a formula is defused with a leading apostrophe.
      description: line.description === null ? '' : line.description.startsWith('=') ? `'${line.description}` : line.description,
      debitCredit: line.debitCredit, amount: line.amount, balanceBefore: line.balanceBefore, balanceAfter: line.balanceAfter,
      traceKey: line.traceKey, reverses: '',
    })));
    expect(records[0]!.balanceBefore).toBe(json.openingBalance);
    expect(records.at(-1)!.balanceAfter).toBe(json.closingBalance);
    expect(json.openingBalance).toBe('1000.00');
  });

  test('OFX 1.0.2: ofx-js reads the account, every transaction once and the ledger balance with its date', async () => {
    const response = await download(`${base}&format=ofx`).expect(200);
    expect(response.headers['content-type']).toBe('application/x-ofx; charset=windows-1252');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="extrato-0001-100001-${from}-${to}.ofx"`);
    const text = (response.body as Buffer).toString('latin1');
    expect(text.startsWith('OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\n')).toBe(true);
    const ofx = await parseOfx(text);
    const statement = ofx.OFX.BANKMSGSRSV1.STMTTRNRS.STMTRS;
    expect(statement.BANKACCTFROM).toEqual({ BANKID: '341', BRANCHID: '0001', ACCTID: '100001', ACCTTYPE: 'CHECKING' });
    expect([statement.BANKTRANLIST.DTSTART, statement.BANKTRANLIST.DTEND]).toEqual(['20261118', '20261124']);
    const transactions: Record<string, string>[] = statement.BANKTRANLIST.STMTTRN;
    expect(transactions.map((item) => item.FITID)).toEqual(json.lines.map((line) => line.id));
    expect(transactions.map((item) => [item.TRNTYPE, item.DTPOSTED, item.TRNAMT])).toEqual(json.lines.map((line) => [
      line.debitCredit === 'D' ? 'DEBIT' : 'CREDIT', line.dateRef.replaceAll('-', ''), line.debitCredit === 'D' ? `-${line.amount}` : line.amount,
    ]));
    const byDescription = new Map(json.lines.map((line, index) => [line.description, transactions[index]!]));
    expect(byDescription.get('Tarifa & <juros>')!.MEMO).toBe('Tarifa & <juros>');
    expect(byDescription.get('Depósito em espécie')!.MEMO).toBe('Depósito em espécie');
    expect(byDescription.get(null)!.NAME).toBe('Transferência');
    expect(statement.LEDGERBAL).toEqual({ BALAMT: json.closingBalance, DTASOF: '20261124235959' });
    const signed = transactions.reduce((sum, item) => sum + BigInt(item.TRNAMT!.replace('.', '')), 0n);
    expect(signed).toBe(BigInt(json.closingBalance.replace('.', '')) - BigInt(json.openingBalance.replace('.', '')));
  });

  test('CNAB 240: 240-character records, header, lot header, one segment E per line, trailers whose counts and totals add up', async () => {
    const response = await download(`${base}&format=cnab240`).expect(200);
    expect(response.headers['content-type']).toBe('text/x-cnab240; charset=us-ascii');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="extrato-0001-100001-${from}-${to}.ret"`);
    const text = (response.body as Buffer).toString('latin1');
    expect(text.endsWith('\r\n')).toBe(true);
    const records = text.slice(0, -2).split('\r\n');
    expect(records.every((record) => record.length === 240 && /^[\x20-\x7e]+$/.test(record))).toBe(true);
    expect(records).toHaveLength(entryCount + 4);
    // Positions as FEBRABAN's layout numbers them: 1-based, inclusive.
    const at = (record: string, first: number, last: number) => record.slice(first - 1, last);
    const cents = (value: string) => BigInt(value);
    const decimal = (amount: string) => BigInt(amount.replace('-', '').replace('.', ''));
    expect(records.map((record) => at(record, 8, 8)).join('')).toBe(`01${'3'.repeat(entryCount)}59`);
    expect(records.every((record) => at(record, 1, 3) === '341')).toBe(true);
    const [fileHeader, lotHeader] = records as [string, string];
    const segments = records.slice(2, -2);
    const [lotTrailer, fileTrailer] = records.slice(-2) as [string, string];
    expect([at(fileHeader, 4, 7), at(fileHeader, 33, 52), at(fileHeader, 53, 57), at(fileHeader, 59, 70)])
      .toEqual(['0000', 'CONV-0042           ', '00001', '000000100001']);
    expect([at(fileHeader, 73, 102), at(fileHeader, 103, 132), at(fileHeader, 143, 143)])
      .toEqual(['JOSE DA SILVA COMERCIO LTDA   ', 'BANCO EXEMPLO S.A.            ', '2']);
    expect([at(lotHeader, 4, 7), at(lotHeader, 9, 9), at(lotHeader, 10, 11), at(lotHeader, 14, 16)]).toEqual(['0001', 'E', '04', '033']);
    expect([at(lotHeader, 143, 150), cents(at(lotHeader, 151, 168)), at(lotHeader, 169, 169), at(lotHeader, 171, 173)])
      .toEqual(['18112026', decimal(json.openingBalance), 'C', 'BRL']);
    segments.forEach((segment, index) => {
      const line = json.lines[index]!;
      expect([at(segment, 9, 13), at(segment, 14, 14), at(segment, 143, 150), cents(at(segment, 151, 168)), at(segment, 169, 169)])
        .toEqual([String(index + 1).padStart(5, '0'), 'E', line.dateRef.split('-').reverse().join(''), decimal(line.amount), line.debitCredit]);
      expect(at(segment, 202, 240).trim()).toBe(line.id.toUpperCase());
      expect(at(segment, 173, 176)).toBe(String(line.eventCode).padStart(4, '0'));
    });
    const debits = json.lines.filter((line) => line.debitCredit === 'D').reduce((sum, line) => sum + decimal(line.amount), 0n);
    const credits = json.lines.filter((line) => line.debitCredit === 'C').reduce((sum, line) => sum + decimal(line.amount), 0n);
    expect([Number(at(lotTrailer, 171, 176)), cents(at(lotTrailer, 177, 194)), cents(at(lotTrailer, 195, 212))])
      .toEqual([entryCount + 2, debits, credits]);
    const closing = json.closingBalance;
    expect([at(lotTrailer, 143, 150), cents(at(lotTrailer, 151, 168)), at(lotTrailer, 169, 169)])
      .toEqual(['24112026', decimal(closing), closing.startsWith('-') ? 'D' : 'C']);
    expect(decimal(json.openingBalance) + credits - debits).toBe(BigInt(closing.replace('.', '')));
    expect([at(fileTrailer, 4, 7), Number(at(fileTrailer, 18, 23)), Number(at(fileTrailer, 24, 29))]).toEqual(['9999', 1, entryCount + 4]);
  });

  test('Accept chooses the format when no format is named; an Accept the route cannot answer is 406', async () => {
    const oneDay = `/v1/accounts/0001/100001/statement?from=${from}&to=${from}`;
    const type = async (accept: string) => (await download(oneDay, accept).expect(200)).headers['content-type'];
    expect(await type('text/csv')).toMatch(/^text\/csv/);
    expect(await type('application/x-ofx')).toMatch(/^application\/x-ofx/);
    expect(await type('text/x-cnab240')).toMatch(/^text\/x-cnab240/);
    expect(await type('*/*')).toMatch(/^application\/json/);
    expect(await type('text/csv;q=0.5, application/json')).toMatch(/^application\/json/);
    const refused = await get(base, 'text/html').expect(406);
    expect(refused.body.code).toBe('not_acceptable');
    // The other routes still answer JSON only.
    expect((await get('/v1/accounts/0001/100001/balance?date=2026-11-24', 'text/csv').expect(406)).body.code).toBe('not_acceptable');
  });

  test('a failure after the first byte cuts the connection and is logged; the database serves the next export', async () => {
    const broken = await createTestApp(failingAfterOneBatch(db.database));
    const call = request(broken.app).get(`${base}&format=cnab240`).set('authorization', broken.auth.reader).buffer(true).parse((response, done) => {
      response.on('data', () => undefined);
      response.on('end', () => done(null, 'complete'));
      response.on('error', done);
    });
    await expect(call).rejects.toThrow();
    const failed = broken.logLines().filter((line) => line.code === 'statement_export_failed');
    expect(failed).toEqual([expect.objectContaining({ format: 'cnab240', branch: '0001', account: '100001', from, to })]);
    await download(`${base}&format=csv`).expect(200);
  });

  test('an export is the whole range: no limit or cursor; an unknown format, or CNAB for a non-numeric account, is 400', async () => {
    const problems = async (path: string) => {
      const response = await get(path).expect(400);
      expect(response.body.code).toBe('query_invalid');
      return (response.body.errors as { pointer: string }[]).map(({ pointer }) => ({ parameter: pointer.replace(/^\/(query|path)\//, '') }));
    };
    expect((await problems(`${base}&format=csv&limit=10`)).map((problem) => problem.parameter)).toEqual(['limit']);
    expect((await problems(`${base}&format=xml`)).map((problem) => problem.parameter)).toEqual(['format']);
    expect((await problems(`/v1/accounts/VIRT/X1/statement?from=${from}&to=${to}&format=cnab240`)).map((problem) => problem.parameter)).toEqual(['format']);
    expect((await download(`/v1/accounts/VIRT/X1/statement?from=${from}&to=${to}&format=csv`).expect(200)).body.toString()).toMatch(/^dateRef,/);
    await get(`/v1/accounts/0001/NOPE/statement?from=${from}&to=${to}&format=ofx`).expect(404);
  });
});

/** `real`, whose streams fail after their first batch: a database lost in the middle of an export. */
function failingAfterOneBatch(real: Database): Database {
  async function* firstBatchOnly<Row>(rows: AsyncIterable<Row[]>): AsyncGenerator<Row[]> {
    for await (const batch of rows) {
      yield batch;
      throw new Error('the database went away in the middle of the export');
    }
  }
  return {
    ...real,
    transaction: (work) => real.transaction((tx) => work({
      ...tx,
      stream: <Row>(text: string, params?: readonly unknown[], batchRows?: number) => firstBatchOnly(tx.stream<Row>(text, params, batchRows)),
    } satisfies Transaction)),
  };
}

test('the formats the parameter schema names are the ones the route can write', () => {
  expect([...statementFormats]).toEqual(['json', ...exportFormatNames]);
});
