/// Percent-encoding as Signature Version 4 wants it: every byte but `A-Z a-z 0-9 - _ . ~` is
/// `%XX` with upper-case hex; object keys keep their `/`.
package enum URIEncoding {
    /// A query name or value (`/` encoded too).
    package static func component(_ text: String) -> String {
        encode(text, keepingSlash: false)
    }

    /// An object key or path: `/` stays a separator, everything else is encoded once.
    package static func path(_ text: String) -> String {
        encode(text, keepingSlash: true)
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    private static func encode(_ text: String, keepingSlash: Bool) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                bytes.append(byte)
            case UInt8(ascii: "/") where keepingSlash:
                bytes.append(byte)
            default:
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
