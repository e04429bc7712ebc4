package import FlatExport
package import Foundation
package import WolkvoxAPI

/// Turns the API's all-string records into typed rows for one report and pipeline.
///
/// Built once per run; `transform` is the hot path: fields are matched by position first
/// (records usually arrive in catalog order) and by name only when that fails, and values
/// are coerced on their UTF-8 bytes.
package struct RecordTransformer: Sendable {
    /// The output columns: catalog fields in order, minus `drop`, renamed per `rename`, then
    /// fields declared only in `transform.fields` (by name), then ``snapshotColumn`` for a
    /// snapshot without dates; `transform.explode` puts the element's fields in place of the
    /// array's column (``Explosion``).
    package let schema: FlatSchema
    /// What the caller does with a ``TransformOutcome/reject(field:value:reason:)``:
    /// `reject` lands it in `_wolkvox/rejects/`, `fail` stops the run. With `null` the
    /// transformer already nulled bad values; only a bad day field still rejects.
    package let onError: Pipeline.OnError
    /// The field whose local day places a record, or nil when the window's day does.
    package let dayField: String?

    /// Input slots: every field the transformer knows, catalog first. Slot i expects name `expected[i]`.
    let expected: [String]
    let slotByName: [String: Int]
    /// Output column of each slot, or -1 when the field is dropped.
    let columnOfSlot: [Int]
    let typeOfSlot: [FieldType]
    let daySlot: Int
    let offsets: ZoneOffsets
    /// The shape of each nested slot (nil for flat ones), and whether any slot has one.
    let shapeOfSlot: [NestedShape?]
    let hasNested: Bool
    private let nested: NestedCoercion
    /// Columns of the row before an explosion.
    let width: Int
    /// The index of ``snapshotColumn`` in the row, or -1.
    let snapshotIndex: Int
    private var snapshotValue = FlatValue.null
    /// `transform.explode`, when the pipeline asks for it.
    let explosion: Explosion?

    package init(report: ReportSpec, transform: Pipeline.Transform, timeZone: TimeZone) {
        var names = report.fields.map(\.name)
        var types = report.fields.map { transform.fields[$0.name] ?? $0.type }
        // A type given in `transform.fields` to a nested field types its JSON text instead
        // (`string` keeps it as text): the way out of a shape the catalog has wrong.
        var shapes = report.fields.map { field in transform.fields[field.name] == nil ? field.nesting.map(NestedShape.init) : nil }
        for (name, type) in transform.fields.sorted(by: { $0.key < $1.key }) where !names.contains(name) {
            names.append(name)
            types.append(type)
            shapes.append(nil)
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
                shapes.append(nil)
                columnOfSlot.append(-1)
            }
        } else {
            dayField = nil
        }
        if report.dayOf == .runDay {
            snapshotIndex = columns.count
            columns.append(Self.snapshotColumn)
        } else {
            snapshotIndex = -1
        }
        var slotByName: [String: Int] = [:]
        for (i, name) in names.enumerated() where slotByName[name] == nil { slotByName[name] = i }
        self.expected = names
        self.slotByName = slotByName
        self.columnOfSlot = columnOfSlot
        self.typeOfSlot = types
        self.shapeOfSlot = shapes
        self.hasNested = shapes.contains { $0 != nil }
        self.daySlot = dayField.flatMap { slotByName[$0] } ?? -1
        self.onError = transform.onError
        let offsets = ZoneOffsets(timeZone)
        self.offsets = offsets
        self.nested = NestedCoercion(offsets: offsets, nullsBadValues: transform.onError == .null)
        if let name = transform.explode, let slot = slotByName[name], columnOfSlot[slot] >= 0, let shape = shapes[slot], shape.isArray {
            explosion = Explosion(column: columnOfSlot[slot], shape: shape, parentColumns: columns)
        } else {
            explosion = nil
        }
        self.width = columns.count
        self.schema = FlatSchema(columns: explosion?.columns ?? columns)
    }

    /// The column a snapshot without dates (`information.agents`) gets: when it was taken, as
    /// ISO 8601 with the pipeline zone's offset.
    package static let snapshotColumn = "snapshot_at"

    /// This transformer with ``snapshotColumn`` set to `instant` for every row: the time of the
    /// poll whose records it types. No effect for reports without that column.
    package func stamped(at instant: Date) -> RecordTransformer {
        var copy = self
        copy.snapshotValue = .text(offsets.iso8601(instant: instant))
        return copy
    }

    /// The transformer for a loaded pipeline.
    package init(pipeline: Pipeline) {
        self.init(report: pipeline.source.report, transform: pipeline.transform, timeZone: pipeline.source.timeZone)
    }

    /// Types one record.
    ///
    /// Missing fields are null; fields nobody declared come back in `extras`. A value that
    /// does not coerce rejects the record unless `onError` is `null`; a blank or unparseable
    /// day field always rejects, since the record cannot be placed in a day.
    package func transform(_ record: RawRecord) -> TransformOutcome {
        var row = FlatRow(repeating: .null, count: width)
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
                    if hasNested, let shape = shapeOfSlot[slot] {
                        do throws(NestedFailure) {
                            row[column] = try nested.value(value, shape)
                        } catch {
                            return .reject(field: fields[position].name + error.path, value: error.value, reason: error.reason)
                        }
                        continue
                    }
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
        if snapshotIndex >= 0 { row[snapshotIndex] = snapshotValue }
        if let explosion { return .rows(explosion.rows(row, extras: extras), time: time) }
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
        Coercion.typed(value, type, offsets)
    }
}
