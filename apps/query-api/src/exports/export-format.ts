// What every statement export format is: a media type for Accept, a file name extension, a
// byte encoding, and a writer that turns the statement into text piece by piece — a head, the
// lines a batch at a time, a tail — so the whole range streams without being held in memory.
import type { StatementLine, StatementSummary } from '@flow/ledger-core';

export const exportFormatNames = ['csv', 'ofx', 'cnab240'] as const;
export type ExportFormatName = typeof exportFormatNames[number];

/** Bank and agreement fields no ledger row holds: the deployment's, from `FLOW_EXPORT_*`. */
export interface StatementExportConfig {
  /** The bank's 3-digit COMPE code: OFX `BANKID`, CNAB 240 positions 1–3. */
  readonly bankCode: string;
  /** The bank's name, CNAB 240 file header positions 103–132. */
  readonly bankName: string;
  /** The company's agreement (convênio) with the bank for the service, CNAB 240 positions 33–52. */
  readonly cnabAgreement: string;
}

export interface ExportContext {
  readonly summary: StatementSummary;
  /** The account's holder as registered; null when none. */
  readonly holderName: string | null;
  readonly generatedAt: Date;
  readonly config: StatementExportConfig;
}

export interface ExportWriter {
  head(): string;
  lines(lines: readonly StatementLine[]): string;
  tail(): string;
}

export interface ExportFormat {
  readonly name: ExportFormatName;
  /** Matched against Accept, and the Content-Type without its parameters. */
  readonly mediaType: string;
  readonly contentType: string;
  readonly extension: string;
  readonly encoding: BufferEncoding;
  writer(context: ExportContext): ExportWriter;
  /** Why this account or statement cannot be written in the format; null when it can. */
  refusal?(account: { branch: string; account: string }, lineCount: number): string | null;
}

/** Cents of a decimal string with two decimals, unsigned, as digits. */
export function centsDigits(amount: string): string {
  return amount.replace('-', '').replace('.', '');
}
