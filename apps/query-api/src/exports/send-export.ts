// Streams one statement export into the HTTP response: the headers (content type, download file
// name), then the format's head, the lines as the database cursor yields them, and its tail.
// Each write waits for the socket to drain when its buffer is full, so a slow client holds back
// the database cursor instead of filling memory; a client gone mid-way stops the read, and the
// snapshot's transaction ends with it.
import type { StatementLine } from '@flow/ledger-core';
import type { Response } from 'express';
import type { ExportContext, ExportFormat } from './export-format.ts';
import { cnab240Format } from './cnab240.ts';
import { csvFormat } from './csv.ts';
import { ofxFormat } from './ofx.ts';

export const exportFormats: readonly ExportFormat[] = [csvFormat, ofxFormat, cnab240Format];

export class ClientGoneError extends Error {
  constructor() {
    super('the client closed the connection during the export');
  }
}

/** `extrato-<branch>-<account>-<from>-<to>.<extension>`: letters, digits and dashes only. */
export function exportFileName(format: ExportFormat, context: Pick<ExportContext, 'summary'>): string {
  const { branch, account, from, to } = context.summary;
  return `extrato-${branch}-${account}-${from}-${to}.${format.extension}`;
}

export async function sendExport(
  response: Response, format: ExportFormat, context: ExportContext, lines: AsyncIterable<StatementLine[]>,
): Promise<void> {
  response.status(200);
  response.setHeader('Content-Type', format.contentType);
  response.setHeader('Content-Disposition', `attachment; filename="${exportFileName(format, context)}"`);
  const writer = format.writer(context);
  await write(response, writer.head(), format);
  for await (const batch of lines) await write(response, writer.lines(batch), format);
  await write(response, writer.tail(), format);
  response.end();
}

async function write(response: Response, text: string, format: ExportFormat): Promise<void> {
  if (response.destroyed) throw new ClientGoneError();
  if (text === '' || response.write(Buffer.from(text, format.encoding))) return;
  await new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => {
      response.off('drain', onDrain);
      response.off('close', onClose);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onDrain = () => settle();
    const onClose = () => settle(new ClientGoneError());
    response.on('drain', onDrain);
    response.on('close', onClose);
  });
}
