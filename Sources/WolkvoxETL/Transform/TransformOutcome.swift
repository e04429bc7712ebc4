public import FlatExport
public import WolkvoxAPI

/// What became of one record.
public enum TransformOutcome: Sendable {
    /// A typed row aligned with ``RecordTransformer/schema``; `time` is the report's day field as
    /// local time, whose day is the record's partition (nil for reports placed by the window's day); `extras` are fields the
    /// catalog does not know and the pipeline did not declare, as received (name, value).
    case row(FlatRow, time: LocalDateTime?, extras: [(String, String)])
    /// The record cannot be landed: `field` did not coerce (or the day field is missing);
    /// `value` is what the API sent. The caller keeps the original record for `_wolkvox/rejects/`.
    case reject(field: String, value: String?, reason: String)
}
