import FlatExport
import WolkvoxAPI

/// The shape of `_wolkvox/rejects/REPORT/dt=DAY/` files: the record as received, the field that
/// did not coerce and why.
enum RejectRecord {
    static let schema = FlatSchema(columns: ["field", "reason", "window", "record"])

    static func row(record: RawRecord, field: String, reason: String, window: String) -> FlatRow {
        [.text(field), .text(reason), .text(window), .json(jsonObject(record))]
    }

    /// The record as the API sent it, as one JSON object (FlatExport's encoder does the escaping).
    static func jsonObject(_ record: RawRecord) -> String {
        let encoder = NDJSONRowEncoder(schema: FlatSchema(columns: record.fields.map(\.name)))
        var bytes: [UInt8] = []
        encoder.encode(record.fields.map { $0.value.map(FlatValue.text) ?? .null }, into: &bytes)
        if bytes.last == 0x0A { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
