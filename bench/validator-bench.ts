// How fast the posting contract is checked: validatePostingDraft (ingest) and validatePosting
// (worker) on the benchmark's realistic postings, against JSON.parse of the same postings' JSON
// text as the in-run baseline: every posting is parsed once on its way in anyway, so "k × the
// cost of JSON.parse" says what validation adds to it. The engine's per-posting fingerprint
// (postingHash) is measured the same way, as it is per-posting JavaScript on the worker's path.
// Two schema libraries (schema-validators.ts: TypeBox's compiler, Ajv on the OpenAPI schema) are
// measured beside them on the structural rules alone (docs/decisions/0006-schema-libraries.md).
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { validatePosting, validatePostingDraft, type Posting } from '@flow/contracts';
import { postingHash } from '@flow/ledger-core';
import { schemaValidators } from './schema-validators.ts';

/** Timed rounds per function; the median round is reported. One untimed round warms up first. */
const roundsTimed = 7;

export interface ThroughputFigure {
  readonly name: string;
  readonly postingsPerSecond: number;
  /** Throughput relative to JSON.parse of the same postings (1 = as fast as parsing them). */
  readonly ratioToJsonParse: number;
}

export interface ValidatorFigures {
  readonly postings: number;
  readonly meanJsonBytes: number;
  readonly figures: ThroughputFigure[];
}

function medianThroughput(count: number, round: () => number): number {
  round();
  const rates: number[] = [];
  for (let index = 0; index < roundsTimed; index++) {
    const started = performance.now();
    const kept = round();
    const seconds = (performance.now() - started) / 1000;
    assert.equal(kept, count, 'every benchmark posting must pass');
    rates.push(count / seconds);
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)]!;
}

export function measureValidator(postings: readonly Posting[]): ValidatorFigures {
  const texts = postings.map((posting) => JSON.stringify(posting));
  const parsed: unknown[] = texts.map((text) => JSON.parse(text));
  const count = postings.length;
  const countWhere = (test: (index: number) => boolean) => () => {
    let kept = 0;
    for (let index = 0; index < count; index++) if (test(index)) kept += 1;
    return kept;
  };
  const rates: [string, number][] = [
    ['JSON.parse (baseline)', medianThroughput(count, countWhere((i) => JSON.parse(texts[i]!) !== null))],
    ['validatePostingDraft', medianThroughput(count, countWhere((i) => validatePostingDraft(parsed[i]).ok))],
    ['validatePosting', medianThroughput(count, countWhere((i) => validatePosting(parsed[i]).ok))],
    ['JSON.parse + validatePosting', medianThroughput(count, countWhere((i) => validatePosting(JSON.parse(texts[i]!)).ok))],
    ['postingHash (engine, per posting)', medianThroughput(count, countWhere((i) => postingHash(postings[i]!).length === 32))],
    ...schemaValidators().map(({ name, accepts }): [string, number] => [name, medianThroughput(count, countWhere((i) => accepts(parsed[i])))]),
  ];
  const baseline = rates[0]![1];
  return {
    postings: count,
    meanJsonBytes: texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / count,
    figures: rates.map(([name, postingsPerSecond]) => ({ name, postingsPerSecond, ratioToJsonParse: postingsPerSecond / baseline })),
  };
}
