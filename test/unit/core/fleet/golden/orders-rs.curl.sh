#!/bin/sh
# PATCH the backup schedule of orders-rs (project 6f1c2a3b4d5e6f708192a3b4) with an API key (HTTP Digest).
# The key is read from the Atlas CLI's variables: MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY.
curl --fail-with-body --silent --show-error --digest \
  --user "${MONGODB_ATLAS_PUBLIC_API_KEY}:${MONGODB_ATLAS_PRIVATE_API_KEY}" \
  --header 'Accept: application/vnd.atlas.2024-08-05+json' \
  --header 'Content-Type: application/vnd.atlas.2024-08-05+json' \
  --request PATCH https://cloud.mongodb.com/api/atlas/v2/groups/6f1c2a3b4d5e6f708192a3b4/clusters/orders-rs/backup/schedule \
  --data-binary @- <<'ATLAS_BACKUP_SCHEDULE_JSON'
{
  "referenceHourOfDay": 3,
  "referenceMinuteOfHour": 0,
  "restoreWindowDays": 2,
  "autoExportEnabled": false,
  "useOrgAndGroupNamesInExportPrefix": false,
  "policies": [
    {
      "id": "5f0a1b2c3d4e5f6071829304",
      "policyItems": [
        {
          "id": "5f0a1b2c3d4e5f6071829305",
          "frequencyType": "hourly",
          "frequencyInterval": 6,
          "retentionUnit": "days",
          "retentionValue": 2
        },
        {
          "id": "5f0a1b2c3d4e5f6071829306",
          "frequencyType": "daily",
          "frequencyInterval": 1,
          "retentionUnit": "days",
          "retentionValue": 7
        },
        {
          "id": "5f0a1b2c3d4e5f6071829307",
          "frequencyType": "weekly",
          "frequencyInterval": 6,
          "retentionUnit": "weeks",
          "retentionValue": 4
        },
        {
          "id": "5f0a1b2c3d4e5f6071829308",
          "frequencyType": "monthly",
          "frequencyInterval": 40,
          "retentionUnit": "months",
          "retentionValue": 12
        },
        {
          "id": "5f0a1b2c3d4e5f6071829309",
          "frequencyType": "yearly",
          "frequencyInterval": 1,
          "retentionUnit": "years",
          "retentionValue": 7
        }
      ]
    }
  ],
  "copySettings": [
    {
      "zoneId": "6f1c2a3b4d5e6f708192a3c0",
      "cloudProvider": "AWS",
      "regionName": "US_WEST_2",
      "shouldCopyOplogs": false,
      "frequencies": [
        "DAILY",
        "WEEKLY"
      ]
    }
  ]
}
ATLAS_BACKUP_SCHEDULE_JSON
