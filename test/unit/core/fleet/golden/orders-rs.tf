resource "mongodbatlas_cloud_backup_schedule" "orders_rs" {
  project_id   = "6f1c2a3b4d5e6f708192a3b4"
  cluster_name = "orders-rs"

  reference_hour_of_day                    = 3
  reference_minute_of_hour                 = 0
  restore_window_days                      = 2
  auto_export_enabled                      = false
  use_org_and_group_names_in_export_prefix = false

  policy_item_hourly {
    frequency_interval = 6
    retention_unit     = "days"
    retention_value    = 2
  }

  policy_item_daily {
    frequency_interval = 1
    retention_unit     = "days"
    retention_value    = 7
  }

  policy_item_weekly {
    frequency_interval = 6
    retention_unit     = "weeks"
    retention_value    = 4
  }

  policy_item_monthly {
    frequency_interval = 40
    retention_unit     = "months"
    retention_value    = 12
  }

  policy_item_yearly {
    frequency_interval = 1
    retention_unit     = "years"
    retention_value    = 7
  }

  copy_settings {
    cloud_provider     = "AWS"
    region_name        = "US_WEST_2"
    zone_id            = "6f1c2a3b4d5e6f708192a3c0"
    should_copy_oplogs = false
    frequencies        = ["DAILY", "WEEKLY"]
  }
}
