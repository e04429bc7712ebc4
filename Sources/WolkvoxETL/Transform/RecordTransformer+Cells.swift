package import FlatExport
package import WolkvoxAPI

/// What ``RecordTransformer/writeCells(_:record:slots:into:scratch:)`` made of a record.
package enum CellOutcome {
    /// The row is written: `lines` (the cells' buffers, valid until their next row), and
    /// `time` its day field's, when the report has one.
    case row(time: LocalDateTime?, lines: RowLines)
    /// The record takes the string path (``RecordTransformer/transform(_:)``): it is rejected,
    /// or its fields are out of column order, repeated or not declared.
    case needsRecord
}

extension RecordTransformer {
    /// Whether records can be typed straight into cells: no nested field, no exploded array,
    /// no snapshot column (those take the string path, record by record).
    package var writesCells: Bool { !hasNested && explosion == nil && snapshotIndex < 0 }

    /// The slot a field name fills, or -1 when no slot expects it.
    package func slot(named name: String) -> Int { slotByName[name] ?? -1 }

    /// Types record `index` of `batch` straight from its bytes into `cells`, as `transform`
    /// would type it and the encoders write it, without a string per value or a row.
    ///
    /// Only the common case is taken: every field declared, in column order, each once, and
    /// every value coercing (or nulled by `on_error: null`). Anything else is `.needsRecord`,
    /// and `transform` decides it, so there is one meaning for each record, not two.
    /// - Parameter slots: the slot of each name id of the batch (``slot(named:)``).
    package func writeCells(
        _ batch: RecordBatch, record index: Int, slots: [Int], into cells: inout CellWriter, scratch: inout ByteBuilder
    ) -> CellOutcome {
        cells.begin()
        var time: LocalDateTime?
        let written: Bool = batch.bytes.withUnsafeBufferPointer { bytes in
            batch.fields.withUnsafeBufferPointer { fields in
                for position in batch.fieldRange(of: index) {
                    let field = fields[position]
                    let slot = slots[Int(field.name)]
                    guard slot >= 0 else { return false }
                    let column = columnOfSlot[slot]
                    let type = typeOfSlot[slot]
                    let value = field.isNull ? nil : UnsafeBufferPointer(rebasing: bytes[field.start..<field.end])
                    if slot == daySlot {
                        guard let value, let parsed = Coercion.localDateTime(value) else { return false }
                        time = parsed
                        guard column >= 0 else { continue }
                        if type == .timestamp {
                            guard column >= cells.nextColumn else { return false }
                            if column > cells.nextColumn { cells.null(count: column - cells.nextColumn) }
                            Coercion.Coerced.time(parsed).write(value, offsets, into: &cells, scratch: &scratch)
                            continue
                        }
                    }
                    guard column >= 0, let value else { continue }
                    guard column >= cells.nextColumn else { return false }
                    if column > cells.nextColumn { cells.null(count: column - cells.nextColumn) }
                    if let coerced = Coercion.coerce(value, type) {
                        coerced.write(value, offsets, into: &cells, scratch: &scratch)
                    } else if onError == .null {
                        cells.null()
                    } else {
                        return false
                    }
                }
                return true
            }
        }
        guard written, daySlot < 0 || time != nil else { return .needsRecord }
        cells.finish()
        return .row(time: time, lines: cells.lines)
    }
}
