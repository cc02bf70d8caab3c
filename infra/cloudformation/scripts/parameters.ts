// Prints one stack's parameters as Key=Value lines for `aws cloudformation deploy
// --parameter-overrides`. Usage: node infra/cloudformation/scripts/parameters.ts <env> <stack> <image-tag>
import { loadEnvironmentFile, loadTemplate } from '../src/load.ts';
import type { EnvironmentName, StackName } from '../src/load.ts';
import { stackParameters } from '../src/parameters.ts';

const [environment, stack, imageTag = 'none'] = process.argv.slice(2) as [EnvironmentName | 'tooling', StackName, string?];
const fileName = stack === 'pipeline' ? 'tooling' : environment;
const values = stackParameters(loadTemplate(stack), stack, loadEnvironmentFile(fileName), environment, imageTag);
for (const [name, value] of Object.entries(values)) console.log(`${name}=${value}`);
