// The benchmark's postings: a deterministic, seeded stream, so the limit (a), the engine on many
// accounts (b) and the engine on hot accounts (c) all apply the very same amounts, sides, dates,
// ids and texts. Only the account differs: (c) maps every posting onto a few hot accounts.
import { formatCents, type Posting } from '@flow/contracts';
import { addDays } from '@flow/ledger-core';
import { seededRandom } from '@flow/service-kit/testing';

/** Event codes of the benchmark catalog; all allow both sides, so nothing is rejected. */
export const workloadEventCodes = [494, 495, 496] as const;
/** Branches the accounts are spread over (agências). */
const branchCount = 100;

export interface WorkloadShape {
  readonly seed: number;
  /** Distinct accounts the postings are spread over. */
  readonly accountCount: number;
  /** Accepted business dates: windowEnd − retroWindowDays … windowEnd. */
  readonly windowEnd: string;
  readonly retroWindowDays: number;
  /**
   * Scenario (d)'s realism: accounts drawn with a Zipf-like skew of this exponent (rank r with
   * weight 1 / r^s, so a few accounts are very hot) instead of uniformly, and this share of the
   * postings dated today (the rest uniform over the earlier days of the window). Absent: uniform
   * accounts and dates, scenarios (a), (b) and (c).
   */
  readonly realistic?: { readonly zipfExponent: number; readonly todayShare: number };
}

export interface AccountRef {
  readonly branch: string;
  readonly account: string;
}

/** The account of index `index`: 100 branches, account numbers unique across branches. */
export function accountAt(index: number): AccountRef {
  return { branch: String(1 + (index % branchCount)).padStart(4, '0'), account: String(100_000 + index) };
}

/** The seeded PRNG, shared with the hostile-input suite. */
export { seededRandom };

function uuidFrom(random: () => number): string {
  const hex: string[] = [];
  for (let i = 0; i < 4; i++) hex.push(Math.floor(random() * 4_294_967_296).toString(16).padStart(8, '0'));
  const digits = hex.join('');
  // Version 4, RFC 4122 variant: the shape producers send.
  const variant = ((Number.parseInt(digits[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-4${digits.slice(13, 16)}-${variant}${digits.slice(17, 20)}-${digits.slice(20, 32)}`;
}

const channels = [
  { channel: 'pix', description: 'PIX recebido' },
  { channel: 'pix', description: 'PIX enviado' },
  { channel: 'ted', description: 'TED recebida' },
  { channel: 'boleto', description: 'Pagamento de boleto' },
  { channel: 'card', description: 'Compra no débito' },
] as const;

/**
 * Draws account indexes 0 … count − 1 with weight 1 / (index + 1)^exponent: the inverse of the
 * cumulative weights by binary search (count floats, built once per workload).
 */
function zipfSampler(count: number, exponent: number, random: () => number): () => number {
  const cumulative = new Float64Array(count);
  let sum = 0;
  for (let index = 0; index < count; index++) {
    sum += 1 / (index + 1) ** exponent;
    cumulative[index] = sum;
  }
  return () => {
    const target = random() * sum;
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

/** How many days before windowEnd a posting is dated: uniform, or today for todayShare of them. */
function daysBackSampler(shape: WorkloadShape, random: () => number): () => number {
  const realistic = shape.realistic;
  if (realistic === undefined) return () => Math.floor(random() * (shape.retroWindowDays + 1));
  return () => (random() < realistic.todayShare ? 0 : 1 + Math.floor(random() * shape.retroWindowDays));
}

/**
 * `count` postings. Amounts are log-uniform from 0.01 to 10,000.00 (many small, few large), sides
 * 50/50, dates uniform over the retro window (or mostly today, see `realistic`), accounts uniform
 * (or skewed), and every posting carries a description and a ~150-byte `details` object, like a
 * PIX or TED entry does.
 */
export function generatePostings(shape: WorkloadShape, count: number): Posting[] {
  const random = seededRandom(shape.seed);
  const accountIndex = shape.realistic === undefined
    ? () => Math.floor(random() * shape.accountCount)
    : zipfSampler(shape.accountCount, shape.realistic.zipfExponent, random);
  const daysBack = daysBackSampler(shape, random);
  const postings: Posting[] = [];
  for (let index = 0; index < count; index++) {
    const { branch, account } = accountAt(accountIndex());
    const cents = BigInt(Math.max(1, Math.floor(10 ** (random() * 6))));
    const kind = channels[Math.floor(random() * channels.length)]!;
    const counterparty = accountAt(Math.floor(random() * 1_000_000));
    postings.push({
      id: uuidFrom(random),
      traceKey: uuidFrom(random),
      branch,
      account,
      amount: formatCents(cents),
      debitCredit: random() < 0.5 ? 'D' : 'C',
      eventCode: workloadEventCodes[Math.floor(random() * workloadEventCodes.length)]!,
      description: kind.description,
      details: {
        channel: kind.channel,
        endToEndId: `E${uuidFrom(random).replaceAll('-', '')}`,
        counterparty: { bank: '341', branch: counterparty.branch, account: counterparty.account },
      },
      dateRef: addDays(shape.windowEnd, -daysBack()),
    });
  }
  return postings;
}

/** The same postings on `hotCount` accounts: posting i goes to hot account (its account index mod hotCount). */
export function onHotAccounts(postings: readonly Posting[], hotCount: number): Posting[] {
  const hot = Array.from({ length: hotCount }, (_, index) => accountAt(index));
  return postings.map((posting) => {
    const index = Number(posting.account) - 100_000;
    return { ...posting, ...hot[index % hotCount]! };
  });
}

/** Distinct accounts of `postings`, in first-seen order. */
export function accountsOf(postings: readonly Posting[]): AccountRef[] {
  const seen = new Map<string, AccountRef>();
  for (const { branch, account } of postings) {
    const key = `${branch}/${account}`;
    if (!seen.has(key)) seen.set(key, { branch, account });
  }
  return [...seen.values()];
}

/** Consecutive slices of at most `size`. */
export function inBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}
