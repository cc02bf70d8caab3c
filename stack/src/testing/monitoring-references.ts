// What the monitoring-as-code files (infra/datadog, monitoring.yaml) ask of the services: every
// metric a Datadog query or a CloudWatch widget names, with the tags it filters and groups by,
// checked against what the services' `/metrics` endpoints really show.
import type { Scrape } from './metrics-scrape.ts';

export interface MetricReference {
  readonly metric: string;
  /** `{key:value,…}` filters; `*` and `$variable` entries are left out. */
  readonly filters: readonly (readonly [string, string])[];
  /** `by {…}` keys. */
  readonly groups: readonly string[];
  /** Where it was found, for the failure message. */
  readonly source: string;
}

/** Tags every series carries without being a label: the agent's environment and the service. */
export const ambientTags = ['env', 'service'];

const referencePattern = /(?:[a-z0-9]+:)?(flow_[a-z0-9_]+)\{([^}]*)\}(?:\s*by\s*\{([^}]*)\})?/g;

export function metricReferences(query: string, source: string): MetricReference[] {
  return [...query.matchAll(referencePattern)].map(([, metric, filter, by]) => ({
    metric: metric!,
    filters: filter!.split(',').map((entry) => entry.trim())
      .filter((entry) => entry !== '*' && entry !== '' && !entry.startsWith('$'))
      .map((entry) => [entry.slice(0, entry.indexOf(':')), entry.slice(entry.indexOf(':') + 1)] as const),
    groups: (by ?? '').split(',').map((key) => key.trim()).filter((key) => key !== ''),
    source,
  }));
}

/** Every string under a `query` key of a JSON document (a dashboard's widgets, nested groups). */
export function queriesOf(document: unknown, path = '$'): { query: string; source: string }[] {
  if (Array.isArray(document)) return document.flatMap((item, index) => queriesOf(item, `${path}[${index}]`));
  if (typeof document !== 'object' || document === null) return [];
  return Object.entries(document).flatMap(([key, value]) =>
    key === 'query' && typeof value === 'string' ? [{ query: value, source: `${path}.query` }] : queriesOf(value, `${path}.${key}`));
}

/**
 * What is wrong with each reference: a metric no endpoint shows a sample of, a tag that is not one
 * of its labels, or a concrete tag value no sample carries (wildcards are not checked).
 */
export function referenceProblems(references: readonly MetricReference[], scrapes: readonly Scrape[]): string[] {
  return references.flatMap((reference) => {
    const samples = scrapes.flatMap((scrape) => scrape.samples).filter((sample) => sample.name.replace(/_(bucket|sum|count)$/, '') === reference.metric);
    if (samples.length === 0) return [`${reference.source}: ${reference.metric} is not emitted by any service`];
    const labels = new Set(samples.flatMap((sample) => Object.keys(sample.labels)).filter((label) => label !== 'le'));
    const problems: string[] = [];
    for (const key of [...reference.filters.map(([key]) => key), ...reference.groups]) {
      if (!labels.has(key) && !ambientTags.includes(key)) problems.push(`${reference.source}: ${reference.metric} has no label ${key}`);
    }
    for (const [key, value] of reference.filters) {
      if (ambientTags.includes(key) || value.includes('*') || !labels.has(key)) continue;
      if (!samples.some((sample) => sample.labels[key] === value)) problems.push(`${reference.source}: no ${reference.metric} sample has ${key}=${value}`);
    }
    return problems;
  });
}
