/** Response examples of the feed's endpoints (archive stats) in the OpenAPI document. */

export const ARCHIVE_STATS_EXAMPLE = { total_events: 1200, active_events: 300, archived_events: 900, archive_percentage: 75 };
