package import FlatExport
package import WolkvoxAPI

/// What became of one record.
package enum TransformOutcome: Sendable {
    /// A typed row aligned with ``RecordTransformer/schema``; `time` is the report's day field as
    /// local time, whose day is the record's partition (nil for reports placed by the window's day); `extras` are fields the
    /// catalog does not know and the pipeline did not declare, as received (name, value).
    case row(FlatRow, time: LocalDateTime?, extras: [(String, String)])
    /// A record exploded on a nested array (`transform.explode`): one row per element, in the
    /// array's order (one, its element columns null, for an empty or null array); `time` as for `row`.
    case rows([ExplodedRow], time: LocalDateTime?)
    /// The record cannot be landed: `field` did not coerce (or the day field is missing);
    /// `value` is what the API sent. The caller keeps the original record for `_wolkvox/rejects/`.
    case reject(field: String, value: String?, reason: String)
}

/// One row of an exploded record, with the fields nobody declared (the record's, then its
/// element's), as received.
package struct ExplodedRow: Sendable {
    package var row: FlatRow
    package var extras: [(String, String)]

    package init(row: FlatRow, extras: [(String, String)]) {
        self.row = row
        self.extras = extras
    }
}
