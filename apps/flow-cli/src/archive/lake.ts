// The lake: an S3 bucket (fauxqs's S3 under `npm start`) holding each archived month under
// `<prefix>/<YYYY-MM>/`: its Parquet objects and manifest.json.
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

export interface Lake {
  readonly s3: S3Client;
  readonly bucket: string;
  readonly prefix: string;
}

export function monthFolder(lake: Lake, month: string): string {
  return `${lake.prefix.replace(/\/+$/, '')}/${month}`;
}

export function locationOf(lake: Lake, month: string): string {
  return `s3://${lake.bucket}/${monthFolder(lake, month)}/`;
}

/** Bucket and folder of a location written by locationOf. */
export function parseLocation(location: string): { bucket: string; folder: string } {
  const match = /^s3:\/\/([^/]+)\/(.+?)\/?$/.exec(location);
  if (match === null) throw new Error(`not an archive location: ${location}`);
  return { bucket: match[1]!, folder: match[2]! };
}

export async function putObject(lake: Lake, key: string, body: Uint8Array, contentType: string): Promise<void> {
  await lake.s3.send(new PutObjectCommand({ Bucket: lake.bucket, Key: key, Body: body, ContentType: contentType }));
}

export async function getObject(s3: S3Client, bucket: string, key: string): Promise<Uint8Array> {
  const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return answer.Body!.transformToByteArray();
}
