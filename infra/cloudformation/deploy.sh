#!/usr/bin/env bash
# Deploys every Flow stack of one environment, in order, into the account of the current AWS
# credentials. Usage: infra/cloudformation/deploy.sh <dev|uat|prod> <image-tag>
# Parameters come from scripts/parameters.ts: the environment file plus the tooling-owned values
# (broker names from libs/contracts/src/broker-names.json, the environment name, the image tag).
set -euo pipefail
environment="$1"
image_tag="$2"
root="$(cd "$(dirname "$0")" && pwd)"
execution_role="$(aws sts get-caller-identity --query Account --output text)"
for stack in network data messaging services edge monitoring; do
  mapfile -t parameters < <(node "$root/scripts/parameters.ts" "$environment" "$stack" "$image_tag")
  aws cloudformation deploy \
    --stack-name "flow-$stack" \
    --template-file "$root/templates/$stack.yaml" \
    --parameter-overrides "${parameters[@]}" \
    --role-arn "arn:aws:iam::${execution_role}:role/flow-cloudformation-execution" \
    --capabilities CAPABILITY_IAM \
    --no-fail-on-empty-changeset \
    --tags "flow:environment=$environment" "flow:release=$image_tag"
done
