/// Where a report's rows sit in the API's answer.
package enum ReportEnvelope: String, Sendable, Hashable, Codable {
    /// `data` is an array of rows (most reports).
    case list
    /// `data` is one object: one row (`cdr_4`, `real_time.info_server`, `quality.quality_matrix`).
    case object
    /// No `data` key: the rows are the `records` array beside `total_records` and
    /// `campaign_id` (`campaign.campaign_15`).
    case records
}
