extension ResponseGenerator {
    /// Random text mixing ASCII, JSON's special characters, controls, accented letters, CJK,
    /// emoji and other planes.
    mutating func randomText() -> String {
        let length = rng.chance(0.1) ? rng.inRange(0...60) : rng.inRange(0...maxStringLength)
        var scalars = String.UnicodeScalarView()
        for _ in 0..<length { scalars.append(randomScalar()) }
        return String(scalars)
    }

    mutating func randomScalar() -> Unicode.Scalar {
        let value: UInt32
        switch rng.inRange(0...99) {
        case 0...49: value = UInt32(rng.inRange(0x20...0x7E))
        case 50...59: value = rng.pick([0x22, 0x5C, 0x2F])  // " \ /
        case 60...67: value = UInt32(rng.pick([rng.inRange(0x00...0x1F), 0x7F]))
        case 68...75: value = UInt32(rng.inRange(0xA0...0x4FF))
        case 76...81: value = UInt32(rng.inRange(0x4E00...0x9FFF))
        case 82...89: value = UInt32(rng.inRange(0x1F300...0x1FAFF))
        case 90...94:
            value = rng.pick([0x2028, 0x2029, 0xFEFF, 0xFFFD, 0x0301, UInt32(rng.inRange(0x800...0xD7FF)), UInt32(rng.inRange(0xE000...0xFFFD))])
        default: value = UInt32(rng.inRange(0x10000...0x10FFFF))
        }
        return Unicode.Scalar(value)!
    }

    /// `text` as a JSON string literal, escaping what must be and, at random, what may be.
    mutating func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x2F: out += rng.chance(0.5) ? "\\/" : "/"
            case 0x08 where rng.chance(0.7): out += "\\b"
            case 0x0C where rng.chance(0.7): out += "\\f"
            case 0x0A where rng.chance(0.7): out += "\\n"
            case 0x0D where rng.chance(0.7): out += "\\r"
            case 0x09 where rng.chance(0.7): out += "\\t"
            case 0x00..<0x20: out += unicodeEscape(scalar.value)
            default:
                if rng.chance(0.15) {
                    out += escaped(scalar)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// `\uXXXX`, or a surrogate pair for a scalar beyond the BMP.
    private mutating func escaped(_ scalar: Unicode.Scalar) -> String {
        let v = scalar.value
        guard v >= 0x10000 else { return unicodeEscape(v) }
        let offset = v - 0x10000
        return unicodeEscape(0xD800 + (offset >> 10)) + unicodeEscape(0xDC00 + (offset & 0x3FF))
    }

    private mutating func unicodeEscape(_ v: UInt32) -> String {
        var hex = String(v, radix: 16)
        hex = String(repeating: "0", count: 4 - hex.count) + hex
        return "\\u" + (rng.chance(0.5) ? hex.uppercased() : hex)
    }
}
