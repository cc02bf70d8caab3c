// Builds the parameter values of one stack in one environment: the environment file's section for
// the stack, plus the values only the tooling may supply. The broker names and the redrive count
// come from @flow/contracts (broker-names.json, also read by the embedded stack), never from an
// environment file, so the cloud and the local topology cannot drift.
import { brokerNames } from '@flow/contracts';
import type { EnvironmentFile, Template } from './load.ts';

/** Parameters filled by the tooling, with where each value comes from. */
export function toolingParameters(environment: string, imageTag: string): Record<string, string> {
  return {
    EnvironmentName: environment, // the environment file's name
    ImageTag: imageTag, // the release (commit) being deployed
    RequestTopicName: brokerNames.requestTopic,
    TransactionQueueName: brokerNames.transactionQueue,
    TransactionDeadLetterQueueName: brokerNames.transactionDeadLetterQueue,
    CallbackTopicName: brokerNames.callbackTopic,
    RedriveReceiveCountMax: String(brokerNames.redriveReceiveCountMax),
  };
}

export const toolingParameterNames: readonly string[] = Object.keys(toolingParameters('', ''));

/** Every parameter the template declares, valued; throws when the environment file lacks one. */
export function stackParameters(
  template: Template,
  stack: string,
  environmentFile: EnvironmentFile,
  environment: string,
  imageTag: string,
): Record<string, string> {
  const fromTooling = toolingParameters(environment, imageTag);
  const fromFile = environmentFile[stack] ?? {};
  const values: Record<string, string> = {};
  for (const name of Object.keys(template.Parameters ?? {})) {
    const value = fromTooling[name] ?? fromFile[name];
    if (value === undefined) throw new Error(`${environment}/${stack}: no value for parameter ${name}`);
    values[name] = String(value);
  }
  return values;
}
