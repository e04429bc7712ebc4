extension Coercion {
    /// A decimal split into its parts, so it can be rewritten without losing digits.
    struct DecimalParts {
        var negative: Bool
        /// Integer digits from the first significant one; empty for `.5`.
        var integer: Range<Int>
        var fraction: Range<Int>?
    }

    /// Parses `[+-]?\d*(\.\d*)?` with at least one digit in `r`; nil when it is not a decimal.
    static func decimal(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, allowSign: Bool) -> DecimalParts? {
        let end = r.upperBound
        var i = r.lowerBound
        var negative = false
        if allowSign, b[i] == minus || b[i] == plus {
            negative = b[i] == minus
            i += 1
        }
        let intStart = i
        while i < end, isDigit(b[i]) { i += 1 }
        let intEnd = i
        var fraction: Range<Int>?
        if i < end, b[i] == dot {
            i += 1
            let start = i
            while i < end, isDigit(b[i]) { i += 1 }
            if i > start { fraction = start..<i }
        }
        guard i == end, intEnd > intStart || fraction != nil else { return nil }
        let first = intEnd > intStart ? firstSignificant(b, intStart..<intEnd) : intEnd
        var allZero = true
        for j in intStart..<intEnd where b[j] != zero { allZero = false }
        if let fraction { for j in fraction where b[j] != zero { allZero = false } }
        // "-0.0" is written "0.0": a negative zero is noise, not information.
        let keepMinus = negative && !allZero
        return DecimalParts(negative: keepMinus, integer: first..<intEnd, fraction: fraction)
    }
}
