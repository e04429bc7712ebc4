package import FlatExport
package import WolkvoxAPI

/// The API's strings coerced to typed values: small pure functions over the value's UTF-8 bytes.
///
/// Each returns `.null` for a blank value, the typed value when it coerces, and nil when it
/// does not (the caller asks ``reason(_:_:)`` for the message, so success allocates nothing
/// extra). Numbers keep the source's digits: they never pass through a binary double.
///
/// The API's placeholders `-` and `--` are null where a number or a time is expected (it writes
/// them where there is nothing to count or divide by); text keeps them, as DESIGN.md's types
/// say: in a string field `-` may be what someone typed.
package enum Coercion {
    /// Text as received (not trimmed); blank or only whitespace is null.
    package static func string(_ value: String) -> FlatValue { typed(value, .string) ?? .null }

    /// Optional sign and digits; leading zeros stripped (`007` -> 7); `12.0` does not coerce.
    package static func int(_ value: String) -> FlatValue? { typed(value, .int) }

    /// `-?\d+(\.\d+)?`, also `.5` (-> 0.5) and `5.` (-> 5); exact digits, leading zeros stripped.
    package static func decimal(_ value: String) -> FlatValue? { typed(value, .decimal) }

    /// Seconds: `65`, `1.5`, `01:05` (mm:ss), `00:01:05` and `1:02:03` (h:mm:ss).
    /// Negative values and fields of 60 or more after the first do not coerce.
    package static func duration(_ value: String) -> FlatValue? { typed(value, .duration) }

    /// `value` coerced to a type that needs no zone; nil when it does not coerce.
    private static func typed(_ value: String, _ type: FieldType) -> FlatValue? {
        withBytes(value) { b in coerce(b, type).map { $0.value(value, b, nil) } }
    }

    /// `value` coerced to `type`; nil when it does not coerce.
    @inline(__always) static func typed(_ value: String, _ type: FieldType, _ offsets: ZoneOffsets) -> FlatValue? {
        withBytes(value) { b in coerce(b, type).map { $0.value(value, b, offsets) } }
    }

    /// What the bytes `b` of a value coerce to as `type`; nil when they do not.
    static func coerce(_ b: UnsafeBufferPointer<UInt8>, _ type: FieldType) -> Coerced? {
        let r = trimmed(b)
        if r.isEmpty { return .null }
        if type == .string { return .text }
        if isPlaceholder(b, r) { return .null }
        switch type {
        case .string: return .text
        case .int: return integer(b, r)
        case .decimal: return decimal(b, r, allowSign: true).map(Coerced.init)
        case .duration: return duration(b, r)
        case .timestamp: return localDateTime(b).map(Coerced.time)
        case .percent: return percent(b, r)
        }
    }

    private static func integer(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Coerced? {
        var i = r.lowerBound
        let negative = b[i] == minus
        if b[i] == plus || negative { i += 1 }
        guard i < r.upperBound, allDigits(b, i..<r.upperBound) else { return nil }
        let first = firstSignificant(b, i..<r.upperBound)
        let isZero = first == r.upperBound - 1 && b[first] == zero
        return .decimal(negative: negative && !isZero, integer: first..<r.upperBound, fraction: nil)
    }

    private static func duration(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Coerced? {
        var colons: [Int] = []
        for i in r where b[i] == colon { colons.append(i) }
        if colons.isEmpty { return decimal(b, r, allowSign: false).map(Coerced.init) }
        guard colons.count <= 2 else { return nil }
        let bounds = [r.lowerBound] + colons.map { $0 + 1 }
        let ends = colons + [r.upperBound]
        var total = 0
        var fraction: Range<Int>?
        for (n, (start, end)) in zip(bounds, ends).enumerated() {
            let isLast = n == colons.count
            var digitsEnd = end
            if isLast, let dot = (start..<end).first(where: { b[$0] == dot }) {
                guard dot + 1 < end, allDigits(b, dot + 1..<end) else { return nil }
                fraction = dot + 1..<end
                digitsEnd = dot
            }
            let width = digitsEnd - start
            guard width >= 1, width <= (n == 0 ? 9 : 2), allDigits(b, start..<digitsEnd) else { return nil }
            var part = 0
            for i in start..<digitsEnd { part = part * 10 + Int(b[i] - zero) }
            if n > 0 { guard part < 60 else { return nil } }
            total = total * 60 + part
        }
        return .seconds(total, fraction: fraction)
    }

    /// Blank, `-` or `--`: nothing, whatever the type.
    static func isBlankOrPlaceholder(_ value: String) -> Bool {
        withBytes(value) { b in
            let r = trimmed(b)
            return r.isEmpty || isPlaceholder(b, r)
        }
    }

    /// Why `value` does not coerce to `type`.
    package static func reason(_ type: FieldType, _ value: String) -> String {
        let shown = value.count > 80 ? String(value.prefix(77)) + "..." : value
        let what =
            switch type {
            case .string: "a string"
            case .int: "an integer"
            case .decimal: "a decimal"
            case .duration: "a duration"
            case .timestamp: "a timestamp"
            case .percent: "a percentage"
            }
        return "not \(what): '\(shown)'"
    }

    // MARK: bytes

    static let zero = UInt8(ascii: "0")
    static let plus = UInt8(ascii: "+")
    static let minus = UInt8(ascii: "-")
    static let dot = UInt8(ascii: ".")
    static let colon = UInt8(ascii: ":")

    @inline(__always) static func withBytes<R>(_ value: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var value = value
        return value.withUTF8(body)
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    /// `-` or `--`: the API's "nothing here" where a number or a time is expected.
    @inline(__always) static func isPlaceholder(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        r.count <= 2 && !r.isEmpty && b[r.lowerBound] == minus && b[r.upperBound - 1] == minus
    }

    /// The range without surrounding whitespace.
    static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var lo = 0
        var hi = b.count
        while lo < hi, isSpace(b[lo]) { lo += 1 }
        while hi > lo, isSpace(b[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    static func allDigits(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        for i in r where !isDigit(b[i]) { return false }
        return true
    }

    /// The first digit to keep: leading zeros go, but one digit always stays.
    static func firstSignificant(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int {
        var i = r.lowerBound
        while i < r.upperBound - 1, b[i] == zero { i += 1 }
        return i
    }
}
