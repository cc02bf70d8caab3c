// A tap on the callback topic for the routing suites: a queue subscribed to flow-callback with raw
// delivery and a filter policy, as a producer's or a downstream system's would be, and a drain that
// reads (and deletes) whatever reached it, bodies and message attributes.
import { SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { Testbed } from './broker-client.ts';

export interface TappedMessage {
  readonly body: string;
  readonly attributes: Record<string, string>;
}

/** A queue subscribed to flow-callback with raw delivery and this filter policy; its URL. */
export async function subscribedQueue(testbed: Testbed, name: string, filterPolicy: Record<string, string[]>): Promise<string> {
  const { sns, sqs } = testbed.client;
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  await sns.send(new SubscribeCommand({
    TopicArn: testbed.broker.callbackTopicArn, Protocol: 'sqs', Endpoint: Attributes.QueueArn,
    Attributes: { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify(filterPolicy) },
  }));
  return QueueUrl!;
}

/** Every message waiting on `queueUrl` now, deleted once read. */
export async function drainTap(testbed: Testbed, queueUrl: string): Promise<TappedMessage[]> {
  const { sqs } = testbed.client;
  const drained: TappedMessage[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({
      QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageAttributeNames: ['All'],
    }));
    if (Messages.length === 0) return drained;
    for (const message of Messages) {
      const attributes = Object.fromEntries(Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, value.StringValue!]));
      drained.push({ body: message.Body!, attributes });
    }
    await sqs.send(new DeleteMessageBatchCommand({
      QueueUrl: queueUrl, Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })),
    }));
  }
}
