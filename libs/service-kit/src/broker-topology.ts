// Flow's messaging topology on any SNS/SQS endpoint (AWS, fauxqs, another emulator), created or
// found idempotently through the plain API — what the CloudFormation messaging stack declares
// and what `npm start` sets up in fauxqs: the topics flow-request and flow-callback, the queue
// flow-transaction subscribed to flow-request with raw delivery and a redrive policy to
// flow-transaction-dlq. Running it again changes nothing (`flow broker init`).
import {
  CreateTopicCommand, ListSubscriptionsByTopicCommand, SubscribeCommand, type SNSClient,
} from '@aws-sdk/client-sns';
import {
  CreateQueueCommand, GetQueueAttributesCommand, GetQueueUrlCommand, SetQueueAttributesCommand, type SQSClient,
} from '@aws-sdk/client-sqs';
import { brokerNames } from '@flow/contracts';

export interface BrokerTopology {
  readonly requestTopicArn: string;
  readonly callbackTopicArn: string;
  readonly transactionQueueUrl: string;
  readonly deadLetterQueueUrl: string;
  /** The names of what this call created; empty when everything was already there. */
  readonly created: readonly string[];
}

export interface BrokerTopologyOptions {
  readonly sns: SNSClient;
  readonly sqs: SQSClient;
  /** Seconds a received transaction message stays invisible (the messaging stack's default: 60). */
  readonly visibilityTimeoutSeconds?: number;
}

/** Dead letters are kept 14 days, the SQS maximum, as the messaging stack does. */
const deadLetterRetentionSeconds = '1209600';

export async function ensureBrokerTopology(options: BrokerTopologyOptions): Promise<BrokerTopology> {
  const { sns, sqs } = options;
  const created: string[] = [];
  const deadLetter = await ensureQueue(sqs, brokerNames.transactionDeadLetterQueue, { MessageRetentionPeriod: deadLetterRetentionSeconds }, created);
  const requestTopicArn = (await sns.send(new CreateTopicCommand({ Name: brokerNames.requestTopic }))).TopicArn!;
  const callbackTopicArn = (await sns.send(new CreateTopicCommand({ Name: brokerNames.callbackTopic }))).TopicArn!;
  const transaction = await ensureQueue(sqs, brokerNames.transactionQueue, {
    VisibilityTimeout: String(options.visibilityTimeoutSeconds ?? 60),
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetter.arn, maxReceiveCount: String(brokerNames.redriveReceiveCountMax) }),
    // SNS may deliver to the queue only from the request topic (what the messaging stack's queue policy says).
    Policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: '*',
        Condition: { ArnEquals: { 'aws:SourceArn': requestTopicArn } },
      }],
    }),
  }, created);
  const { Subscriptions = [] } = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: requestTopicArn }));
  if (!Subscriptions.some((subscription) => subscription.Endpoint === transaction.arn)) {
    await sns.send(new SubscribeCommand({
      TopicArn: requestTopicArn, Protocol: 'sqs', Endpoint: transaction.arn, Attributes: { RawMessageDelivery: 'true' },
    }));
    created.push(`${brokerNames.requestTopic} → ${brokerNames.transactionQueue}`);
  }
  return { requestTopicArn, callbackTopicArn, transactionQueueUrl: transaction.url, deadLetterQueueUrl: deadLetter.url, created };
}

/** The queue's URL and ARN; created when missing, its attributes set either way. */
async function ensureQueue(sqs: SQSClient, name: string, attributes: Record<string, string>, created: string[]): Promise<{ url: string; arn: string }> {
  let url: string;
  try {
    url = (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: attributes }));
  } catch (error) {
    if ((error as { name?: string }).name !== 'QueueDoesNotExist' && !String((error as Error).message).includes('does not exist')) throw error;
    url = (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl!;
    created.push(name);
  }
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  return { url, arn: Attributes!.QueueArn! };
}

/** The URL of a queue by name on the endpoint (the dead-letter chores on any endpoint). */
export async function queueUrlOf(sqs: SQSClient, name: string): Promise<string> {
  return (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;
}
