/** Tencent's own usersig maker (CommonJS, no types of its own). Used locally and in tests only. */
declare module 'tls-sig-api-v2' {
  export class Api {
    constructor(sdkAppId: number, key: string);
    genSig(identifier: string, expireSeconds: number): string;
    genUserSig(identifier: string, expireSeconds: number): string;
  }
  const TLSSigAPIv2: { Api: typeof Api };
  export default TLSSigAPIv2;
}
