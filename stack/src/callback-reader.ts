// Reads every message waiting on a callback queue and deletes what it read: the loop behind
// `npm run callbacks`, kept apart so a test can drive it against a real broker.
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** Receives until the queue is empty (waiting up to `waitSeconds` on the first receive). */
export async function drainCallbacks<T>(
  sqs: SQSClient, queueUrl: string, waitSeconds: number, decode: (body: string) => readonly T[],
): Promise<T[]> {
  const items: T[] = [];
  let wait = waitSeconds;
  for (;;) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: wait }));
    if (Messages.length === 0) return items;
    wait = 0;
    for (const message of Messages) items.push(...decode(message.Body!));
    await sqs.send(new DeleteMessageBatchCommand({
      QueueUrl: queueUrl, Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })),
    }));
  }
}
