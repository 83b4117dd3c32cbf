import * as iam from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { userFromClaims } from '../lib/domain/user.js';
import type { Route } from '../lib/routes/route.js';
import { keys } from '../lib/store/keys.js';
import { GLOBAL_INDEXES, GSI1 } from '../lib/store/table-definition.js';

/**
 * The DynamoDB actions a route's function may call, by the route table's `access`. No Scan, no
 * DescribeTable: the code never needs them. Transactions and batches are authorized item by item
 * against these (TransactWriteItems needs PutItem/UpdateItem/DeleteItem/ConditionCheckItem).
 */
export const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;
export const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;
/** The GSIs are only queried. */
export const INDEX_ACTIONS = ['dynamodb:Query'] as const;

/**
 * The caller's user record is made on their first authenticated call, read routes included (docs/behaviour.md#users)
 * (`lib/usecases/register-caller.ts`: a conditional PutItem of the user, in a transaction with the
 * phone claim when the token has a phone). So a read route may PutItem, and nothing more, only
 * into user and phone partitions and only with the attributes those two records have: it cannot
 * write an edge, a block, a contact or a counter, nor update or delete anything.
 */
export const REGISTER_CALLER_LEADING_KEYS = [keys.user('*').pk, keys.phone('*').pk];
/** The phone claim item's own attributes (`lib/store/users.ts` createUser): `userId`, `region` and the holder's `card` beside the keys. */
const PHONE_CLAIM_ATTRIBUTES = ['userId', 'region', 'card'];
/** A user record with a phone carries its GSI1 keys (find-by-phone, `userPhoneIndex` in lib/store/keys.ts). */
const USER_INDEX_ATTRIBUTES = [GSI1.partitionKey, GSI1.sortKey];
export const REGISTER_CALLER_ATTRIBUTES = [
  ...new Set(['pk', 'sk', 'type', ...Object.keys(userFromClaims('x', {}, 0)), ...USER_INDEX_ATTRIBUTES, ...PHONE_CLAIM_ATTRIBUTES]),
].sort();

/** ARNs of the table's GSIs, each named (not `index/*`: no index the table does not define). */
export function indexArns(table: ITable): string[] {
  return GLOBAL_INDEXES.map((index) => `${table.tableArn}/index/${index.name}`);
}

/**
 * The policy statements of a route's function on `table`: by its `access`, plus the caller
 * registration for read routes of JWT callers (usersig callers are the app admin: no user record).
 */
export function tableStatements(table: ITable, route: Pick<Route, 'access' | 'auth'>): iam.PolicyStatement[] {
  const statements = [
    new iam.PolicyStatement({ sid: 'ReadTable', actions: [...READ_ACTIONS], resources: [table.tableArn] }),
    new iam.PolicyStatement({ sid: 'QueryIndex', actions: [...INDEX_ACTIONS], resources: indexArns(table) }),
  ];
  if (route.access === 'write') {
    statements.push(new iam.PolicyStatement({ sid: 'WriteTable', actions: [...WRITE_ACTIONS], resources: [table.tableArn] }));
  } else if (route.auth === 'user') {
    statements.push(
      new iam.PolicyStatement({
        sid: 'RegisterCaller',
        actions: ['dynamodb:PutItem'],
        resources: [table.tableArn],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': REGISTER_CALLER_LEADING_KEYS },
          'ForAllValues:StringEquals': { 'dynamodb:Attributes': REGISTER_CALLER_ATTRIBUTES },
        },
      }),
    );
  }
  return statements;
}
