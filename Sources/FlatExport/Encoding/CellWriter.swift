/// Writes one row cell by cell, in column order, as the line of each format a store writes: for
/// a caller that types values straight from their bytes, with no ``FlatRow`` in between.
///
/// The lines are byte for byte those ``NDJSONRowEncoder`` and ``CSVRowEncoder`` write for the
/// same row without extras: the cells go through the same quoting as theirs.
///
/// A struct used in place (`inout`): as a class, every cell paid the runtime's exclusivity
/// checks on its buffers. Its owner frees the buffers (`release()`) once.
package struct CellWriter {
    // Plain stored values, borrowed for each cell: an optional's payload would be copied (and
    // its arrays retained) every time.
    private let ndjson: NDJSONRowEncoder
    private let csv: CSVRowEncoder
    private let writesNDJSON: Bool
    private let writesCSV: Bool
    private var ndjsonLine = ByteBuilder(capacity: 1024)
    private var csvLine = ByteBuilder(capacity: 1024)
    private var column = 0
    /// The schema's width.
    package let width: Int

    package init(schema: FlatSchema, formats: [FlatFormat]) {
        ndjson = NDJSONRowEncoder(schema: schema)
        csv = CSVRowEncoder(schema: schema)
        writesNDJSON = formats.contains(.ndjson)
        writesCSV = formats.contains(.csv)
        width = schema.columns.count
    }

    package func release() {
        ndjsonLine.release()
        csvLine.release()
    }

    /// The next cell's column.
    package var nextColumn: Int { column }

    /// Starts a new row, forgetting any unfinished one.
    package mutating func begin() {
        ndjsonLine.removeAll()
        csvLine.removeAll()
        // An unusually large row (a chat's long body) leaves large buffers behind: past this,
        // they are released rather than kept for the rest of the answer.
        ndjsonLine.trim(to: Self.bufferLimit)
        csvLine.trim(to: Self.bufferLimit)
        column = 0
    }

    private static let bufferLimit = 1 << 20

    /// Writes `count` null cells.
    package mutating func null(count: Int = 1) {
        for _ in 0..<count {
            if writesNDJSON {
                ndjson.appendKey(column, to: &ndjsonLine)
                NDJSONRowEncoder.appendNull(to: &ndjsonLine)
            }
            if writesCSV { CSVRowEncoder.appendSeparator(column, to: &csvLine) }
            column += 1
        }
    }

    /// Writes a text cell (valid UTF-8).
    package mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) { cell(bytes, isText: true) }

    /// Writes a number cell: `bytes` are a JSON number.
    package mutating func number(_ bytes: UnsafeBufferPointer<UInt8>) { cell(bytes, isText: false) }

    /// Text is quoted in JSON and `""` when empty in CSV; a number is written as it is.
    @inline(__always)
    private mutating func cell(_ bytes: UnsafeBufferPointer<UInt8>, isText: Bool) {
        if writesNDJSON {
            ndjson.appendKey(column, to: &ndjsonLine)
            if isText {
                JSONText.appendQuoted(bytes, to: &ndjsonLine)
            } else {
                NDJSONRowEncoder.appendLiteral(bytes, to: &ndjsonLine)
            }
        }
        if writesCSV {
            CSVRowEncoder.appendSeparator(column, to: &csvLine)
            CSVRowEncoder.appendField(bytes, emptyIsQuoted: isText, to: &csvLine)
        }
        column += 1
    }

    /// Writes null for the columns left and ends the lines.
    package mutating func finish() {
        null(count: width - column)
        if writesNDJSON { ndjson.appendEnd(to: &ndjsonLine) }
        if writesCSV { CSVRowEncoder.appendEnd(to: &csvLine) }
    }

    /// The finished lines, valid until the next change.
    package var lines: RowLines { RowLines(ndjson: ndjsonLine.bytes, csv: csvLine.bytes) }
}

/// One encoded row: its line in each format a store writes (empty for a format it does not).
package struct RowLines {
    package var ndjson: UnsafeRawBufferPointer
    package var csv: UnsafeRawBufferPointer

    package init(ndjson: UnsafeRawBufferPointer, csv: UnsafeRawBufferPointer) {
        self.ndjson = ndjson
        self.csv = csv
    }

    package func line(for format: FlatFormat) -> UnsafeRawBufferPointer {
        switch format {
        case .ndjson: ndjson
        case .csv: csv
        }
    }
}

/// A copy of ``RowLines`` that outlives the writer's buffers: for a row held back a while.
package struct OwnedRowLines: Sendable {
    private let ndjson: [UInt8]
    private let csv: [UInt8]

    package init(_ lines: RowLines) {
        ndjson = Array(lines.ndjson)
        csv = Array(lines.csv)
    }

    package func withLines<R>(_ body: (RowLines) throws -> R) rethrows -> R {
        try ndjson.withUnsafeBytes { n in try csv.withUnsafeBytes { c in try body(RowLines(ndjson: n, csv: c)) } }
    }
}
