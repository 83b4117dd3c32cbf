import { afterEach, describe, expect, it, vi } from 'vitest';

/** Each case loads the reaction module afresh, since configuration is read once per process. */
async function sinkWith(env: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  const { configuredEventSink, localCallbackQueue } = await import('../../lib/stream/reactions/publish-events.js');
  return { sink: () => configuredEventSink(() => {}), localCallbackQueue };
}

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('the sink the publish reaction uses', () => {
  it('is the EventBridge bus when EVENT_BUS_NAME is set', async () => {
    const { sink } = await sinkWith({ EVENT_BUS_NAME: 'contactbook-dev', TIM_CALLBACK_URL: 'http://127.0.0.1:9/x' });
    expect(sink().constructor.name).toBe('EventBridgeSink');
  });

  it('inside Lambda without a bus, fails instead of logging events nobody reads', async () => {
    const { sink } = await sinkWith({ EVENT_BUS_NAME: undefined, AWS_LAMBDA_FUNCTION_NAME: 'consumer' });
    expect(sink).toThrow('EVENT_BUS_NAME environment variable is not set');
  });

  it('locally, the local sink, with a callback queue only when TIM_CALLBACK_URL is set', async () => {
    const withUrl = await sinkWith({
      EVENT_BUS_NAME: undefined,
      AWS_LAMBDA_FUNCTION_NAME: undefined,
      TIM_CALLBACK_URL: 'http://127.0.0.1:9/x',
    });
    expect(withUrl.sink().constructor.name).toBe('LocalEventSink');
    expect(withUrl.localCallbackQueue()).toBeDefined();
    const without = await sinkWith({ EVENT_BUS_NAME: undefined, AWS_LAMBDA_FUNCTION_NAME: undefined, TIM_CALLBACK_URL: undefined });
    expect(without.sink().constructor.name).toBe('LocalEventSink');
    expect(without.localCallbackQueue()).toBeUndefined();
  });
});
