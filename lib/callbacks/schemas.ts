import * as z from 'zod';
import { CALLBACK_COMMANDS } from './tencent.js';

/** The bodies of the Tencent callbacks we send (`tencent.ts` builds them), as Tencent's callback docs define them. */
const account = z.string().min(1);
const pair = z.object({
  From_Account: account.describe('The user whose list changed.'),
  To_Account: account.describe('The user added to or removed from it.'),
});
const eventTime = z.number().int().nonnegative().describe('When the change was made, ms since epoch (the same on every retry).');

/** A blacklist callback: one pair. */
const onePairBody = <C extends string>(command: C, pairMeaning: string) =>
  z.strictObject({
    CallbackCommand: z.literal(command),
    PairList: z.array(pair.strict()).length(1).describe(pairMeaning),
    EventTime: eventTime,
  });

export const CALLBACK_BODY_SCHEMAS = {
  [CALLBACK_COMMANDS.friendAdd]: z
    .strictObject({
      CallbackCommand: z.literal(CALLBACK_COMMANDS.friendAdd),
      PairList: z
        .array(pair.extend({ Initiator_Account: account.describe('Who asked first.') }).strict())
        .length(2)
        .describe('Both directions of the new friendship.'),
      ClientCmd: z.enum(['friend_add', 'friend_response']).describe('`friend_response` for agree / accept, `friend_add` otherwise.'),
      Admin_Account: z.literal('').describe("Always empty: a user's own action."),
      ForceFlag: z.literal(0),
      EventTime: eventTime,
    })
    .describe('After a friend is added.'),
  [CALLBACK_COMMANDS.friendDelete]: z
    .strictObject({
      CallbackCommand: z.literal(CALLBACK_COMMANDS.friendDelete),
      PairList: z.array(pair.strict()).min(1).describe('One pair per friend the request deleted, from the deleter.'),
      EventTime: eventTime,
    })
    .describe('After friends are deleted.'),
  [CALLBACK_COMMANDS.blackListAdd]: onePairBody(CALLBACK_COMMANDS.blackListAdd, 'From_Account blocks To_Account.').describe(
    'After a user is added to a blacklist.',
  ),
  [CALLBACK_COMMANDS.blackListDelete]: onePairBody(CALLBACK_COMMANDS.blackListDelete, 'From_Account no longer blocks To_Account.').describe(
    'After a user is removed from a blacklist.',
  ),
} as const;
