/**
 * `npm run usersig -- [identifier] [--ttl 86400]`: prints a Tencent usersig for the local server,
 * made by Tencent's own `tls-sig-api-v2` with TIM_SDKAPPID / TIM_SECRET_KEY (local defaults).
 * The identifier defaults to the app admin (TIM_ADMIN), the only identifier `/v4/*` accepts.
 */
import TLSSigAPIv2 from 'tls-sig-api-v2';
import { parseArgs } from 'node:util';
import { LOCAL_DEFAULTS } from '../config.js';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { ttl: { type: 'string', default: '86400' } } });
const sdkAppId = Number(process.env.TIM_SDKAPPID ?? LOCAL_DEFAULTS.TIM_SDKAPPID);
const key = process.env.TIM_SECRET_KEY ?? LOCAL_DEFAULTS.TIM_SECRET_KEY;
const identifier = positionals[0] ?? process.env.TIM_ADMIN ?? LOCAL_DEFAULTS.TIM_ADMIN;
console.log(new TLSSigAPIv2.Api(sdkAppId, key).genSig(identifier, Number(values.ttl)));
