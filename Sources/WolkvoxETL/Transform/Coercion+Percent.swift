package import FlatExport

extension Coercion {
    /// A share as the API writes it: `"34.64 %"` (also `34.64%` and a bare `34.64`) becomes the
    /// decimal `34.64`, with the source's digits. The placeholders `-` and `--` are null: the
    /// API writes them where there is nothing to divide by.
    package static func percent(_ value: String) -> FlatValue? {
        withBytes(value) { b in coerce(b, .percent).map { $0.value(value, b, nil) } }
    }

    static func percent(_ b: UnsafeBufferPointer<UInt8>, _ trimmed: Range<Int>) -> Coerced? {
        var r = trimmed
        if b[r.upperBound - 1] == percentSign {
            r = r.lowerBound..<(r.upperBound - 1)
            while !r.isEmpty, isSpace(b[r.upperBound - 1]) { r = r.lowerBound..<(r.upperBound - 1) }
            guard !r.isEmpty else { return nil }
        }
        return decimal(b, r, allowSign: true).map(Coerced.init)
    }

    static let percentSign = UInt8(ascii: "%")
}
