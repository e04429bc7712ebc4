extension ResponseParser {
    /// Skips whitespace at `pos`; returns the byte there, or nil when the buffer ends first.
    mutating func skipWhitespace(_ p: UnsafeRawBufferPointer) -> UInt8? {
        var i = pos - base
        while i < p.count, ASCII.isWhitespace(p[i]) { i += 1 }
        pos = base + i
        return i < p.count ? p[i] : nil
    }

    /// Consumes `byte` after optional whitespace; false when the buffer ends first.
    mutating func expect(_ p: UnsafeRawBufferPointer, _ byte: UInt8, _ reason: String) throws(WolkvoxResponseError) -> Bool {
        guard let b = skipWhitespace(p) else { return false }
        guard b == byte else { throw malformed(p, reason) }
        pos += 1
        return true
    }

    /// Resumes the scan of the current value; its absolute end, or nil when more bytes are needed.
    mutating func scan(_ p: UnsafeRawBufferPointer) throws(WolkvoxResponseError) -> Int? {
        let start = scanner.start
        let end = scanner.advance(p, base: base)
        if (end ?? base + p.count) - start > maxRecordBytes { throw tooLarge(p, start: start) }
        return end
    }

    /// Scans and reads a whole envelope value; `.some(text)` once complete.
    mutating func scanWholeValue(_ p: UnsafeRawBufferPointer) throws(WolkvoxResponseError) -> String?? {
        if !scanner.isActive {
            guard let b = skipWhitespace(p) else { return nil }
            scanner.begin(at: pos, first: b)
        }
        guard let end = try scan(p) else { return nil }
        var reader = JSONReader(p, base: base, from: pos, to: end)
        let text = try reader.readWholeValueText()
        pos = end
        return .some(text)
    }

    /// Reads the record starting at `pos` (a `{`) when the buffer already holds all of it.
    ///
    /// Most records sit whole inside one chunk: reading them directly saves the separate scan.
    /// Any failure (usually the record running past the buffer) falls back to the resumable
    /// scan, which re-reads the record once complete and reports real errors where they are.
    /// - Returns: false when the record must be scanned.
    mutating func readWholeRecord(_ p: UnsafeRawBufferPointer, into batch: inout RecordBatch) -> Bool {
        var reader = JSONReader(p, base: base, from: pos, to: base + p.count)
        let mark = batch.mark
        guard (try? reader.readRecord(into: &batch, keys: &keys)) != nil else { return false }
        let end = base + reader.i
        guard end - pos <= maxRecordBytes else {
            batch.rollBack(to: mark)
            return false
        }
        pos = end
        envelope.recordCount += 1
        return true
    }

    /// Scans the current record; once complete, reads it into `batch`.
    /// - Returns: false when more bytes are needed.
    mutating func scanRecord(_ p: UnsafeRawBufferPointer, into batch: inout RecordBatch) throws(WolkvoxResponseError) -> Bool {
        guard let end = try scan(p) else { return false }
        var reader = JSONReader(p, base: base, from: scanner.start, to: end)
        let mark = batch.mark
        try reader.readRecord(into: &batch, keys: &keys)
        guard base + reader.i == end else {
            batch.rollBack(to: mark)
            throw reader.malformed("unbalanced brackets in a record")
        }
        pos = end
        envelope.recordCount += 1
        return true
    }

    func malformed(_ p: UnsafeRawBufferPointer, _ reason: String) -> WolkvoxResponseError {
        WolkvoxResponseError(
            kind: .malformed, offset: pos, reason: reason,
            excerpt: JSONReader.excerpt(p, around: pos - base))
    }

    func tooLarge(_ p: UnsafeRawBufferPointer, start: Int) -> WolkvoxResponseError {
        WolkvoxResponseError(
            kind: .tooLarge, offset: start, reason: "a value is larger than \(maxRecordBytes) bytes",
            excerpt: JSONReader.excerpt(p, around: start - base))
    }
}
