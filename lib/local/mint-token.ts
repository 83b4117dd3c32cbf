/**
 * `npm run token -- <userId> [--name "Full Name"] [--nickname N] [--phone 13900000000] [--region 86]
 *   [--scope "party_contact party_message"] [--ttl 86400]`
 * Prints an HS256 JWT for the local server (LOCAL_JWT_SECRET, default `local-dev-secret`).
 */
import { parseArgs } from 'node:util';
import { signJwt } from '../auth/jwt.js';
import { LOCAL_DEFAULTS } from '../config.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    nickname: { type: 'string' },
    phone: { type: 'string' },
    region: { type: 'string', default: '86' },
    scope: { type: 'string', default: 'party_contact party_message' },
    ttl: { type: 'string', default: '86400' },
  },
});
const userId = positionals[0];
if (!userId) {
  console.error('usage: npm run token -- <userId> [--name N] [--nickname N] [--phone P] [--region R] [--scope S] [--ttl seconds]');
  process.exit(2);
}
const now = Math.floor(Date.now() / 1000);
const claims = {
  sub: userId,
  iat: now,
  exp: now + Number(values.ttl),
  scope: values.scope,
  ...(values.name ? { name: values.name } : {}),
  nickname: values.nickname ?? values.name ?? userId,
  ...(values.phone ? { phone: values.phone, region: values.region } : {}),
};
console.log(signJwt(claims, process.env.LOCAL_JWT_SECRET ?? LOCAL_DEFAULTS.LOCAL_JWT_SECRET));
