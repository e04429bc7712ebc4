public import FlatExport
public import WolkvoxAPI

/// What became of one record.
public enum TransformOutcome: Sendable {
    /// A typed row aligned with ``RecordTransformer/schema``; `day` is the local day of the
    /// report's day field (nil for reports placed by the window's day); `extras` are fields the
    /// catalog does not know and the pipeline did not declare, as received (name, value).
    case row(FlatRow, day: LocalDay?, extras: [(String, String)])
    /// The record cannot be landed: `field` did not coerce (or the day field is missing);
    /// `value` is what the API sent. The caller keeps the original record for `_wolkvox/rejects/`.
    case reject(field: String, value: String?, reason: String)
}
