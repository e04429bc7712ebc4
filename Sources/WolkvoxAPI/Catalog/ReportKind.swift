/// How a report's rows relate to time, which decides how it is windowed and where a row lands.
package enum ReportKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Rows with a date-time of their own (`cdr_1`): windows may span days and split on the
    /// cap; a row lands in its own day.
    case timestamped
    /// One row per day with the day as a value (`skill_3`, `chat_6`): asked one day at a time,
    /// landed in that day.
    case dated
    /// Rows with a date and an hour (`agent_8`, `skill_7`): landed in their date.
    case datedHourly = "dated_hourly"
    /// Hourly rows without a date (`agent_6`, `skill_4`): totals per hour of the asked window,
    /// asked one day at a time, landed in that day with the hour as a column.
    case undatedHourly = "undated_hourly"
    /// Totals over the asked window, rows without a date (`agent_1`, `cdr_6`): asked one local
    /// day at a time, landed in that day.
    case windowTotals = "window_totals"
    /// No range at all (`real_time.*`, most of `information.*`): each run lands what the API
    /// holds now, in the run's day.
    case snapshot

    /// Whether one request may cover several days.
    package var windowsMaySpanDays: Bool { self == .timestamped }

    /// What the kind means for a user choosing a report, in a few words.
    package var summary: String {
        switch self {
        case .timestamped: "rows with their own timestamp"
        case .dated: "one row per day"
        case .datedHourly: "rows per date and hour"
        case .undatedHourly: "hourly totals without a date"
        case .windowTotals: "totals over the asked window"
        case .snapshot: "snapshot, no dates asked"
        }
    }
}
