/// The records one body chunk completed, kept as bytes: every value's text back to back, and
/// for each field its name's id and where its value lies.
///
/// A consumer that types values straight from their bytes (the run's flat rows) allocates
/// nothing per value; ``record(at:)`` gives the ``RawRecord`` of one record when a consumer
/// needs names and strings (a reject, a nested value). The two hold the same text: a value's
/// bytes are exactly its ``RawRecord`` string's UTF-8 (escapes decoded, invalid UTF-8 repaired,
/// numbers, booleans and nested values as their JSON text).
package struct RecordBatch: Sendable {
    /// One field of a record.
    package struct Field: Sendable, Hashable {
        /// Index of the field's name in ``RecordBatch/names``.
        package var name: Int32
        /// The value's bytes in ``RecordBatch/bytes``; `start` is -1 for JSON `null`.
        package var start: Int
        package var end: Int

        package var isNull: Bool { start < 0 }
    }

    /// Every value's bytes, back to back.
    package private(set) var bytes: [UInt8] = []
    /// Every record's fields, record after record, in arrival order.
    package private(set) var fields: [Field] = []
    /// Where each record's fields end in `fields`.
    private var ends: [Int] = []
    /// Field names by id. Ids are those of the response's parser, the same for every batch of
    /// one response: a consumer may remember what it learnt of an id for the next batch.
    package internal(set) var names: [String] = []

    package init() {}

    /// The number of records.
    package var count: Int { ends.count }

    package var isEmpty: Bool { ends.isEmpty }

    /// The positions in ``fields`` of record `index`'s fields.
    package func fieldRange(of index: Int) -> Range<Int> {
        (index == 0 ? 0 : ends[index - 1])..<ends[index]
    }

    /// Record `index` with its names and values as strings.
    package func record(at index: Int) -> RawRecord {
        bytes.withUnsafeBufferPointer { b in
            RawRecord(
                fields: fields[fieldRange(of: index)].map { field in
                    RawRecord.Field(
                        name: names[Int(field.name)],
                        value: field.isNull
                            ? nil : String(decoding: UnsafeBufferPointer(rebasing: b[field.start..<field.end]), as: UTF8.self))
                })
        }
    }

    /// Every record, as strings.
    package var records: [RawRecord] { (0..<count).map(record(at:)) }

    // MARK: filling (the parser)

    /// How far the batch was filled: a record read in part is rolled back to it.
    struct Mark {
        fileprivate var bytes: Int
        fileprivate var fields: Int
        fileprivate var records: Int
    }

    var mark: Mark { Mark(bytes: bytes.count, fields: fields.count, records: ends.count) }

    mutating func rollBack(to mark: Mark) {
        bytes.removeSubrange(mark.bytes...)
        fields.removeSubrange(mark.fields...)
        ends.removeSubrange(mark.records...)
    }

    mutating func append(name: Int32, value: UnsafeRawBufferPointer) {
        let start = bytes.count
        bytes.append(contentsOf: value)
        fields.append(Field(name: name, start: start, end: bytes.count))
    }

    mutating func append(name: Int32, value: String?) {
        guard var value else {
            fields.append(Field(name: name, start: -1, end: -1))
            return
        }
        value.withUTF8 { append(name: name, value: UnsafeRawBufferPointer($0)) }
    }

    /// Appends the value `write` puts in room for `capacity` bytes (returning the count), when
    /// it is valid UTF-8; false, and nothing appended, when it is not.
    mutating func appendIfValidUTF8(
        name: Int32, capacity: Int, _ write: (UnsafeMutableBufferPointer<UInt8>) throws(WolkvoxResponseError) -> Int
    ) throws(WolkvoxResponseError) -> Bool {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: capacity))
        var failure: WolkvoxResponseError?
        let count = bytes.withUnsafeMutableBufferPointer { all in
            do throws(WolkvoxResponseError) {
                return try write(UnsafeMutableBufferPointer(rebasing: all[start...]))
            } catch {
                failure = error
                return 0
            }
        }
        bytes.removeLast(capacity - count)
        let valid = failure == nil && bytes.withUnsafeBytes { ByteScan.isValidUTF8(UnsafeRawBufferPointer(rebasing: $0[start...])) }
        guard valid else {
            bytes.removeSubrange(start...)
            if let failure { throw failure }
            return false
        }
        fields.append(Field(name: name, start: start, end: bytes.count))
        return true
    }

    /// Closes the record whose fields were appended since the previous one.
    mutating func endRecord() { ends.append(fields.count) }
}
