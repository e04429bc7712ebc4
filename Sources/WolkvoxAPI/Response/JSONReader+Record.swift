#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension JSONReader {
    /// Reads an object as one record, keeping field order; `i` ends just past its `}`.
    /// - Parameter keys: names seen at each position in earlier records, reused to avoid
    ///   allocating the same field names for every row.
    mutating func readRecord(keys: inout KeyCache) throws(WolkvoxResponseError) -> RawRecord {
        var fields: [RawRecord.Field] = []
        fields.reserveCapacity(keys.count)
        i += 1  // the scanner guarantees '{'
        skipWhitespace()
        if peek() == ASCII.closeBrace {
            i += 1
        } else {
            while true {
                guard peek() == ASCII.quote else { throw malformed("expected '\"' to start a field name") }
                let name = try readKey(position: fields.count, keys: &keys)
                skipWhitespace()
                guard peek() == ASCII.colon else { throw malformed("expected ':' after a field name") }
                i += 1
                skipWhitespace()
                let value = try readValueText(depth: 1)
                fields.append(RawRecord.Field(name: name, value: value))
                skipWhitespace()
                guard let b = peek() else { throw malformed("expected ',' or '}' after value") }
                i += 1
                if b == ASCII.closeBrace { break }
                guard b == ASCII.comma else { throw malformed("expected ',' or '}' after value", at: i - 1) }
                skipWhitespace()
            }
        }
        return RawRecord(fields: fields)
    }

    private mutating func readKey(position: Int, keys: inout KeyCache) throws(WolkvoxResponseError) -> String {
        let start = i + 1
        let k = ByteScan.stringStop(p, from: start, to: end)
        if k < end, p[k] == ASCII.quote {
            i = k + 1
            return keys.name(at: position, UnsafeRawBufferPointer(rebasing: p[start..<k]))
        }
        return try readString()
    }
}

/// Field names by position from the previous record: rows repeat the same keys in the same
/// order, so comparing bytes is cheaper than building (and for long names, allocating) a String.
struct KeyCache: Sendable {
    /// The names' bytes back to back; name i is `bytes[ends[i - 1]..<ends[i]]`.
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var names: [String] = []

    var count: Int { names.count }

    mutating func name(at position: Int, _ raw: UnsafeRawBufferPointer) -> String {
        if position < names.count {
            let start = position == 0 ? 0 : ends[position - 1]
            let length = ends[position] - start
            if length == raw.count, bytes.withUnsafeBytes({ known in
                raw.isEmpty || memcmp(known.baseAddress! + start, raw.baseAddress!, length) == 0
            }) {
                return names[position]
            }
        }
        let name = String(decoding: raw, as: UTF8.self)
        if position < names.count {
            // Another shape of record: forget the positions from here on and learn them again.
            let start = position == 0 ? 0 : ends[position - 1]
            bytes.removeSubrange(start...)
            ends.removeSubrange(position...)
            names.removeSubrange(position...)
        }
        if position == names.count, position < 256 {
            bytes.append(contentsOf: raw)
            ends.append(bytes.count)
            names.append(name)
        }
        return name
    }
}
