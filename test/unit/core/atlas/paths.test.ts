import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  clusterNameSegment,
  groupIdSegment,
  normalizeBaseUrl,
  snapshotIdSegment,
} from '../../../../src/core/atlas/paths';
import { InvalidPathParameterError } from '../../../../src/core/atlas';

describe('path segments', () => {
  test('valid ids and names pass unchanged', () => {
    assert.equal(groupIdSegment('5f0a1b2c3d4e5f6a7b8c9d0e'), '5f0a1b2c3d4e5f6a7b8c9d0e');
    assert.equal(snapshotIdSegment('aaaaaaaaaaaaaaaaaaaaaaaa'), 'aaaaaaaaaaaaaaaaaaaaaaaa');
    assert.equal(clusterNameSegment('orders-rs'), 'orders-rs');
    assert.equal(clusterNameSegment('A1'), 'A1');
  });

  const hostile = [
    '../',
    '..',
    'orders-rs/../../groups',
    'orders%2Frs',
    'orders rs',
    'ordérs',
    'orders\u200b',
    '',
    '-lead',
    'a/b',
    'a?b=1',
    'a#b',
    'ｏｒｄｅｒｓ',
    'orders\n',
  ];
  for (const name of hostile) {
    test(`cluster name ${JSON.stringify(name)} is refused with the rule`, () => {
      assert.throws(
        () => clusterNameSegment(name),
        (e: unknown) => {
          assert.ok(e instanceof InvalidPathParameterError);
          assert.equal(e.parameter, 'clusterName');
          assert.match(e.message, /Invalid clusterName .*letters, digits and hyphens.*Nothing was sent/);
          return true;
        },
      );
    });
  }

  test('group and snapshot ids must be 24 lower-case hex', () => {
    for (const bad of [
      '5F0A1B2C3D4E5F6A7B8C9D0E',
      '5f0a1b2c3d4e5f6a7b8c9d0',
      '../5f0a1b2c3d4e5f6a7b8c9',
      '',
      'zzzzzzzzzzzzzzzzzzzzzzzz',
    ]) {
      assert.throws(() => groupIdSegment(bad), /Invalid groupId .*24-character/);
      assert.throws(() => snapshotIdSegment(bad), /Invalid snapshotId/);
    }
    assert.throws(() => groupIdSegment(undefined), /Invalid groupId undefined/);
  });
});

describe('base URL', () => {
  test('trailing slashes are tolerated, only http(s) without credentials is accepted', () => {
    assert.equal(normalizeBaseUrl('https://cloud.mongodb.com/'), 'https://cloud.mongodb.com');
    assert.equal(normalizeBaseUrl('http://127.0.0.1:8080'), 'http://127.0.0.1:8080');
    assert.throws(() => normalizeBaseUrl('ftp://x'), /only http and https/);
    assert.throws(() => normalizeBaseUrl('https://u:p@cloud.mongodb.com'), /user name or password/);
    assert.throws(() => normalizeBaseUrl('cloud.mongodb.com'), /absolute http\(s\) URL/);
    assert.throws(() => normalizeBaseUrl('https://x?a=1'), /query/);
  });
});
