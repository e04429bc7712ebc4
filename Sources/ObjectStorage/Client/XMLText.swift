/// Reads the few elements S3's small XML answers hold (`<Code>`, `<Key>`, `<UploadId>`, ...).
///
/// S3 answers are flat and machine-written, so a scan for `<Name>...</Name>` is enough and
/// avoids depending on libxml2; values are unescaped (`&amp;`, `&#NN;`, ...).
struct XMLText {
    let text: Substring

    init(_ bytes: [UInt8]) {
        text = Substring(String(decoding: bytes, as: UTF8.self))
    }

    init(_ text: Substring) {
        self.text = text
    }

    /// The text of the first `<name>` element.
    func first(_ name: String) -> String? {
        elements(name).first.map { Self.unescape($0.text) }
    }

    /// Every `<name>...</name>` element's inner text, in order, as XMLText to read further.
    func elements(_ name: String) -> [XMLText] {
        let open = "<\(name)>"
        let close = "</\(name)>"
        var found: [XMLText] = []
        var rest = text[...]
        while let start = rest.range(of: open), let end = rest[start.upperBound...].range(of: close) {
            found.append(XMLText(rest[start.upperBound..<end.lowerBound]))
            rest = rest[end.upperBound...]
        }
        return found
    }

    static func unescape(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { break }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let scalar: UInt32? =
                    entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16)
                    : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                if let scalar, let unicode = Unicode.Scalar(scalar) { out.unicodeScalars.append(unicode) } else { out += "&\(entity);" }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }
}
