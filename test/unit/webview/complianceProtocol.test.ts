// What the extension accepts from the compliance-policy form: its three messages with values of the right shape,
// and nothing else (the webview is a view, not a trusted peer).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseComplianceMessage } from '../../../src/webview/compliancePolicy/protocol';
import { emptyFormValues } from '../../../src/core/compliance/policyForm';

/** The refusal's reason; a message that passed fails the test. */
function reason(r: ReturnType<typeof parseComplianceMessage>): string {
  assert.equal(typeof r, 'string', 'refused');
  return r as string;
}

describe('compliance policy protocol', () => {
  test('ready, change and apply pass with well-formed values', () => {
    const values = emptyFormValues();
    assert.deepEqual(parseComplianceMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseComplianceMessage({ type: 'change', version: 2, values }), {
      type: 'change',
      version: 2,
      values,
    });
    assert.deepEqual(parseComplianceMessage({ type: 'apply', version: 3, values, overwrite: false }), {
      type: 'apply',
      version: 3,
      values,
      overwrite: false,
    });
  });

  test('anything else is refused with its reason', () => {
    const values = emptyFormValues();
    assert.equal(
      parseComplianceMessage({ type: 'apply', version: 3, values }),
      'apply: overwrite is not true or false',
    );
    assert.match(
      reason(parseComplianceMessage({ type: 'change', version: 1, values: { ...values, pitEnabled: 'yes' } })),
      /pitEnabled/,
    );
    const swapped = { ...values, items: [...values.items].reverse() };
    assert.match(
      reason(parseComplianceMessage({ type: 'change', version: 1, values: swapped })),
      /is not the hourly row/,
    );
    const long = { ...values, authorizedEmail: 'x'.repeat(500) };
    assert.match(reason(parseComplianceMessage({ type: 'change', version: 1, values: long })), /authorizedEmail/);
    assert.match(reason(parseComplianceMessage({ type: 'put' })), /unknown message type/);
    assert.equal(parseComplianceMessage(null), 'not an object');
  });
});
