import { missingRange, pathText, prop, str } from '../scheduleDocument';
import type { Rule } from '../rule';

// 2024-08-05 `DiskBackupCopySetting20240805.required: [zoneId]`; the UI offers only regions of the zone's cloud
// provider ("same cloud provider only"), and a zoneId must be one of the cluster's `replicationSpecs` zones.
export const copyZone: Rule = {
  id: 'copy-zone',
  severity: 'error',
  summary: 'Each copy setting names a `zoneId` of this cluster, and copies to the same cloud provider as that zone.',
  check(doc, ctx, report) {
    for (const cs of doc.elements('copySettings')) {
      const zoneNode = prop(cs.node, 'zoneId');
      if (!zoneNode) {
        const legacy = prop(cs.node, 'replicationSpecId')
          ? ' (replicationSpecId is the 2023-01-01 key; version 2024-08-05 uses zoneId)'
          : '';
        const only =
          Array.isArray(ctx.zones) && ctx.zones.length === 1 && typeof ctx.zones[0]?.zoneId === 'string'
            ? ctx.zones[0]
            : undefined;
        report({
          path: [...cs.path, 'zoneId'],
          at: missingRange(cs.node),
          message: `${pathText(cs.path)} has no zoneId${legacy}; each copy setting names the zone whose snapshots it copies`,
          fixes: only
            ? [
                {
                  title: `Add the cluster's zone (${only.zoneName ?? only.zoneId})`,
                  edits: doc.edit([...cs.path, 'zoneId'], only.zoneId),
                  isPreferred: true,
                },
              ]
            : [],
        });
        continue;
      }
      const zoneId = str(zoneNode);
      if (!Array.isArray(ctx.zones) || zoneId === undefined) continue;
      const zone = ctx.zones.find((z) => z?.zoneId === zoneId);
      if (!zone) {
        const names = ctx.zones
          .filter(Boolean)
          .map((z) => `${z.zoneId}${z.zoneName ? ` (${z.zoneName})` : ''}`)
          .join(', ');
        const fixes = ctx.zones.filter(Boolean).map((z, i) => ({
          title: `Use zone ${z.zoneName ?? z.zoneId}`,
          edits: doc.edit([...cs.path, 'zoneId'], z.zoneId),
          isPreferred: ctx.zones!.length === 1 && i === 0,
        }));
        report({
          path: [...cs.path, 'zoneId'],
          at: zoneNode,
          message: `${pathText([...cs.path, 'zoneId'])} is "${zoneId}", which is not a zone of this cluster; its zones are ${names || 'unknown'}`,
          fixes,
        });
        continue;
      }
      const provNode = prop(cs.node, 'cloudProvider');
      const provider = str(provNode);
      if (
        provider === undefined ||
        !Array.isArray(zone.providers) ||
        zone.providers.length === 0 ||
        zone.providers.includes(provider)
      )
        continue;
      report({
        path: [...cs.path, 'cloudProvider'],
        at: provNode!,
        message: `${pathText([...cs.path, 'cloudProvider'])} is "${provider}", but zone ${zone.zoneName ?? zoneId} runs on ${zone.providers.join(', ')}; snapshots can be copied only within the same cloud provider`,
        fixes: zone.providers.map((p, i) => ({
          title: `Copy to ${p}`,
          edits: doc.edit([...cs.path, 'cloudProvider'], p),
          isPreferred: i === 0 && zone.providers.length === 1,
        })),
      });
    }
  },
};
