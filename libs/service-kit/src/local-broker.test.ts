// The local broker is fauxqs with Flow's topology; these check what the stack relies on: the
// topology itself, persistence across a restart, and that a broker meant for this machine
// refuses connections from other addresses (fauxqs itself listens on every interface).
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublishCommand } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { brokerNames } from '@flow/contracts';
import { createSnsClient, createSqsClient } from './aws.ts';
import { startLocalBroker } from './local-broker.ts';

const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((address) => address !== undefined && address.family === 'IPv4' && !address.internal)?.address;

describe('local broker', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'flow-broker-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('the request topic feeds the transaction queue, which redrives to the DLQ; messages survive a restart', async () => {
    const first = await startLocalBroker({ dataDir });
    const aws = { region: first.region, endpoint: first.endpoint };
    const sns = createSnsClient(aws);
    await sns.send(new PublishCommand({ TopicArn: first.requestTopicArn, Message: '{"raw":true}' }));
    sns.destroy();
    const sqs = createSqsClient(aws);
    const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: first.transactionQueueUrl, AttributeNames: ['RedrivePolicy'] }));
    sqs.destroy();
    expect(JSON.parse(Attributes.RedrivePolicy!)).toEqual({
      deadLetterTargetArn: expect.stringMatching(new RegExp(`:${brokerNames.transactionDeadLetterQueue}$`)),
      maxReceiveCount: String(brokerNames.redriveReceiveCountMax),
    });
    await first.stop();

    const second = await startLocalBroker({ dataDir });
    const again = createSqsClient({ region: second.region, endpoint: second.endpoint });
    const { Messages = [] } = await again.send(new ReceiveMessageCommand({ QueueUrl: second.transactionQueueUrl, WaitTimeSeconds: 1 }));
    again.destroy();
    await second.stop();
    // Raw delivery: the body is the message as published, not SNS's envelope around it.
    expect(Messages.map((message) => message.Body)).toEqual(['{"raw":true}']);
  });

  (externalAddress === undefined ? test.skip : test)('a loopback broker cuts connections from other addresses', async () => {
    const broker = await startLocalBroker();
    const port = Number(new URL(broker.endpoint).port);
    try {
      const answer = (host: string) => new Promise<string>((resolve) => {
        const socket = connect({ host, port }, () => socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n'));
        socket.once('data', () => {
          socket.destroy();
          resolve('answered');
        });
        socket.once('close', () => resolve('closed'));
        socket.once('error', () => resolve('closed'));
      });
      expect(await answer('127.0.0.1')).toBe('answered');
      expect(await answer(externalAddress!)).toBe('closed');
    } finally {
      await broker.stop();
    }
  });
});
