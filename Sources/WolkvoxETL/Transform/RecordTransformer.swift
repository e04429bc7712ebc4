public import FlatExport
public import Foundation
public import WolkvoxAPI

/// Turns the API's all-string records into typed rows for one report and pipeline.
///
/// Built once per run; `transform` is the hot path: fields are matched by position first
/// (records usually arrive in catalog order) and by name only when that fails, and values
/// are coerced on their UTF-8 bytes.
public struct RecordTransformer: Sendable {
    /// The output columns: catalog fields in order, minus `drop`, renamed per `rename`, then
    /// fields declared only in `transform.fields` (by name).
    public let schema: FlatSchema
    /// What the caller does with a ``TransformOutcome/reject(field:value:reason:)``:
    /// `reject` lands it in `_wolkvox/rejects/`, `fail` stops the run. With `null` the
    /// transformer already nulled bad values; only a bad day field still rejects.
    public let onError: Pipeline.OnError
    /// The field whose local day places a record, or nil when the window's day does.
    public let dayField: String?

    /// Input slots: every field the transformer knows, catalog first. Slot i expects name `expected[i]`.
    private let expected: [String]
    private let slotByName: [String: Int]
    /// Output column of each slot, or -1 when the field is dropped.
    private let columnOfSlot: [Int]
    private let typeOfSlot: [FieldType]
    private let daySlot: Int
    private let offsets: ZoneOffsets

    public init(report: ReportSpec, transform: Pipeline.Transform, timeZone: TimeZone) {
        var names = report.fields.map(\.name)
        var types = report.fields.map { transform.fields[$0.name] ?? $0.type }
        for (name, type) in transform.fields.sorted(by: { $0.key < $1.key }) where !names.contains(name) {
            names.append(name)
            types.append(type)
        }
        var columns: [String] = []
        var columnOfSlot: [Int] = []
        for name in names {
            if transform.drop.contains(name) {
                columnOfSlot.append(-1)
            } else {
                columnOfSlot.append(columns.count)
                columns.append(transform.rename[name] ?? name)
            }
        }
        if case .field(let day) = report.dayOf {
            dayField = day
            if !names.contains(day) {
                // Not a column, but still read to place the record.
                names.append(day)
                types.append(.timestamp)
                columnOfSlot.append(-1)
            }
        } else {
            dayField = nil
        }
        var slotByName: [String: Int] = [:]
        for (i, name) in names.enumerated() where slotByName[name] == nil { slotByName[name] = i }
        self.expected = names
        self.slotByName = slotByName
        self.columnOfSlot = columnOfSlot
        self.typeOfSlot = types
        self.daySlot = dayField.flatMap { slotByName[$0] } ?? -1
        self.schema = FlatSchema(columns: columns)
        self.onError = transform.onError
        self.offsets = ZoneOffsets(timeZone)
    }

    /// The transformer for a loaded pipeline.
    public init(pipeline: Pipeline) {
        self.init(report: pipeline.source.report, transform: pipeline.transform, timeZone: pipeline.source.timeZone)
    }

    /// Types one record.
    ///
    /// Missing fields are null; fields nobody declared come back in `extras`. A value that
    /// does not coerce rejects the record unless `onError` is `null`; a blank or unparseable
    /// day field always rejects, since the record cannot be placed in a day.
    public func transform(_ record: RawRecord) -> TransformOutcome {
        var row = FlatRow(repeating: .null, count: schema.columns.count)
        var extras: [(String, String)] = []
        var time: LocalDateTime?
        // Fields are read in place: copying each one out of the array would retain and release
        // its name and value, twenty times a record.
        let failure: TransformOutcome? = record.fields.withUnsafeBufferPointer { fields in
            row.withUnsafeMutableBufferPointer { row in
                for position in fields.indices {
                    let slot: Int
                    if position < expected.count, expected[position] == fields[position].name {
                        slot = position
                    } else if let named = slotByName[fields[position].name] {
                        slot = named
                    } else {
                        if let value = fields[position].value { extras.append((fields[position].name, value)) }
                        continue
                    }
                    let column = columnOfSlot[slot]
                    if slot == daySlot {
                        guard let value = fields[position].value, let parsed = Coercion.localDateTime(value) else {
                            return dayReject(fields[position].value)
                        }
                        time = parsed
                        if column >= 0 {
                            if typeOfSlot[slot] == .timestamp {
                                row[column] = .text(offsets.iso8601(parsed))
                                continue
                            }
                        } else {
                            continue
                        }
                    }
                    guard column >= 0, let value = fields[position].value else { continue }
                    let type = typeOfSlot[slot]
                    if let typed = coerce(value, type) {
                        row[column] = typed
                    } else if onError != .null {
                        return .reject(field: fields[position].name, value: value, reason: Coercion.reason(type, value))
                    }
                }
                return nil
            }
        }
        if let failure { return failure }
        if daySlot >= 0, time == nil { return dayReject(nil) }
        return .row(row, time: time, extras: extras)
    }

    private func dayReject(_ value: String?) -> TransformOutcome {
        let field = dayField ?? ""
        let blank = value.map { $0.allSatisfy(\.isWhitespace) } ?? true
        let reason =
            blank
            ? "the day field '\(field)' is missing or empty: the record cannot be placed in a day"
            : Coercion.reason(.timestamp, value ?? "") + " (the day field: the record cannot be placed in a day)"
        return .reject(field: field, value: value, reason: reason)
    }

    @inline(__always) private func coerce(_ value: String, _ type: FieldType) -> FlatValue? {
        switch type {
        case .string: Coercion.string(value)
        case .int: Coercion.int(value)
        case .decimal: Coercion.decimal(value)
        case .duration: Coercion.duration(value)
        case .timestamp: Coercion.timestamp(value, offsets)
        case .percent: Coercion.percent(value)
        }
    }
}
