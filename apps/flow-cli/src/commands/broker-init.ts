// `flow broker init`: the messaging topology with the CloudFormation names on the target
// endpoint, idempotently, plus the lake bucket on an emulator (on AWS the data stack owns it).
import { CreateBucketCommand, HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { ensureBrokerTopology } from '@flow/service-kit';
import type { CommandContext } from '../program.ts';
import { openBrokerTarget } from '../targets.ts';

export async function brokerInit(context: CommandContext): Promise<number> {
  const broker = await openBrokerTarget(context.config);
  try {
    const topology = await ensureBrokerTopology({ sns: broker.sns, sqs: broker.sqs });
    const created = [...topology.created];
    if (context.config.aws.endpoint !== undefined || !broker.endpoint.startsWith('aws:')) {
      if (await ensureBucket(broker.s3, broker.lakeBucket)) created.push(`s3://${broker.lakeBucket}`);
    }
    context.output.logger.info('broker_topology_ready', { endpoint: broker.endpoint, created });
    context.output.report({ endpoint: broker.endpoint, ...topology, created, lakeBucket: broker.lakeBucket },
      [`broker ${broker.endpoint}: ${created.length === 0 ? 'everything was already in place' : `created ${created.join(', ')}`}`,
        `  flow-request      ${topology.requestTopicArn}`,
        `  flow-callback     ${topology.callbackTopicArn}`,
        `  flow-transaction  ${topology.transactionQueueUrl}`,
        `  dead letters      ${topology.deadLetterQueueUrl}`,
        `  lake bucket       ${broker.lakeBucket}`].join('\n'));
    return 0;
  } finally {
    await broker.close();
  }
}

/** True when the bucket had to be created. */
export async function ensureBucket(s3: S3Client, bucket: string): Promise<boolean> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return false;
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status !== 404 && (error as Error).name !== 'NotFound') throw error;
  }
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  return true;
}
