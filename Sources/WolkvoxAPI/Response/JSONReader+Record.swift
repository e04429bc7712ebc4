#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension JSONReader {
    /// Reads an object as one record into `batch`, keeping field order; `i` ends just past its
    /// `}`. On any error the batch is left as it was.
    /// - Parameter keys: names seen at each position in earlier records, reused to avoid
    ///   reading the same field names for every row.
    mutating func readRecord(into batch: inout RecordBatch, keys: inout KeyCache) throws(WolkvoxResponseError) {
        let mark = batch.mark
        do throws(WolkvoxResponseError) {
            i += 1  // the scanner guarantees '{'
            skipWhitespace()
            if peek() == ASCII.closeBrace {
                i += 1
            } else {
                var position = 0
                while true {
                    guard peek() == ASCII.quote else { throw malformed("expected '\"' to start a field name") }
                    let name = try readKey(position: position, keys: &keys)
                    skipWhitespace()
                    guard peek() == ASCII.colon else { throw malformed("expected ':' after a field name") }
                    i += 1
                    skipWhitespace()
                    try readValue(into: &batch, name: name)
                    position += 1
                    skipWhitespace()
                    guard let b = peek() else { throw malformed("expected ',' or '}' after value") }
                    i += 1
                    if b == ASCII.closeBrace { break }
                    guard b == ASCII.comma else { throw malformed("expected ',' or '}' after value", at: i - 1) }
                    skipWhitespace()
                }
            }
        } catch {
            batch.rollBack(to: mark)
            throw error
        }
        batch.endRecord()
    }

    /// A string whose bytes (escapes decoded) are valid UTF-8 is its text: copied as is.
    /// Anything else is read as ``readValueText(depth:)`` reads it.
    private mutating func readValue(into batch: inout RecordBatch, name: Int32) throws(WolkvoxResponseError) {
        if peek() == ASCII.quote {
            let start = i + 1
            var nonASCII = false
            let stop = ByteScan.stringStop(p, from: start, to: end, passedNonASCII: &nonASCII)
            if stop < end, p[stop] == ASCII.quote {
                let raw = UnsafeRawBufferPointer(rebasing: p[start..<stop])
                if !nonASCII || ByteScan.isValidUTF8(raw) {
                    batch.append(name: name, value: raw)
                    i = stop + 1
                    return
                }
            } else if stop < end, p[stop] == ASCII.backslash {
                // Escapes are common (PHP writes every non-ASCII character as one): decoded
                // straight into the batch.
                let open = i
                i = stop
                let close = try closingQuote(from: start)
                if try batch.appendIfValidUTF8(name: name, capacity: close - start, { (out) throws(WolkvoxResponseError) in
                    try unescape(from: start, to: close, into: out)
                }) {
                    i = close + 1
                    return
                }
                i = open
            }
        }
        batch.append(name: name, value: try readValueText(depth: 1))
    }

    private mutating func readKey(position: Int, keys: inout KeyCache) throws(WolkvoxResponseError) -> Int32 {
        let start = i + 1
        // Most keys are the name the previous record had here: compared in place, no scan.
        if let known = keys.match(at: position, p, from: start, to: end) {
            i = start + known.length + 1
            return known.id
        }
        let k = ByteScan.stringStop(p, from: start, to: end)
        if k < end, p[k] == ASCII.quote {
            i = k + 1
            return keys.learn(at: position, UnsafeRawBufferPointer(rebasing: p[start..<k]))
        }
        return keys.id(of: try readString())
    }
}

/// Field names by position from the previous record: rows repeat the same keys in the same
/// order, so comparing bytes is cheaper than reading (and for long names, allocating) a name.
/// Every distinct name gets an id, its index in `names`, the same for the whole response.
struct KeyCache: Sendable {
    /// The names' bytes back to back; position i's name is `bytes[ends[i - 1]..<ends[i]]`.
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var idAtPosition: [Int32] = []
    /// Names by id.
    private(set) var names: [String] = []
    private var idByName: [String: Int32] = [:]

    /// The id of the name `raw` read at `position`, which `match` did not know there: it is
    /// remembered for the next record.
    mutating func learn(at position: Int, _ raw: UnsafeRawBufferPointer) -> Int32 {
        let id = id(of: String(decoding: raw, as: UTF8.self))
        if position < idAtPosition.count {
            // Another shape of record: forget the positions from here on and learn them again.
            let start = position == 0 ? 0 : ends[position - 1]
            bytes.removeSubrange(start...)
            ends.removeSubrange(position...)
            idAtPosition.removeSubrange(position...)
        }
        if position == idAtPosition.count, position < 256 {
            bytes.append(contentsOf: raw)
            ends.append(bytes.count)
            idAtPosition.append(id)
        }
        return id
    }

    /// The name at `position` in the previous record, when `p[start...]` holds it and then its
    /// closing quote (a name with escapes never matches: its bytes hold a backslash instead).
    @inline(__always)
    func match(at position: Int, _ p: UnsafeRawBufferPointer, from start: Int, to end: Int) -> (id: Int32, length: Int)? {
        guard position < idAtPosition.count else { return nil }
        let known = position == 0 ? 0 : ends[position - 1]
        let length = ends[position] - known
        guard start + length < end, p[start + length] == ASCII.quote else { return nil }
        let same = bytes.withUnsafeBytes { cached in
            length == 0 || memcmp(cached.baseAddress! + known, p.baseAddress! + start, length) == 0
        }
        return same ? (idAtPosition[position], length) : nil
    }

    /// The id of `name`, new when it was never seen.
    mutating func id(of name: String) -> Int32 {
        if let known = idByName[name] { return known }
        let id = Int32(names.count)
        names.append(name)
        idByName[name] = id
        return id
    }
}
