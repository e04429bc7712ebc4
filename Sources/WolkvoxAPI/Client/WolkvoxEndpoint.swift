/// Where a Wolkvox operation's API lives: `https://wv{server}.wolkvox.com`, or an explicit base URL
/// (tests, proxies).
package struct WolkvoxEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// Scheme and host (and port), without a trailing slash: `https://wv0002.wolkvox.com`.
    package let baseURL: String

    /// The endpoint of a Wolkvox server id such as `"0002"`; nil when the id is not letters,
    /// digits or '-'.
    package init?(server: String) {
        let valid = !server.isEmpty && server.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x2D
        }
        guard valid else { return nil }
        self.baseURL = "https://wv\(server).wolkvox.com"
    }

    /// An explicit base URL; nil unless it starts with `http://` or `https://` and has a host.
    package init?(baseURL: String) {
        var url = Substring(baseURL)
        while url.hasSuffix("/") { url = url.dropLast() }
        let lower = url.lowercased()
        let scheme = lower.hasPrefix("https://") ? 8 : lower.hasPrefix("http://") ? 7 : 0
        guard scheme > 0, url.count > scheme, !url.contains(where: { $0 == " " || $0 == "?" || $0 == "#" }) else {
            return nil
        }
        self.baseURL = String(url)
    }

    /// Keeps a base URL the caller vouched for even when it does not look like one: the
    /// request then fails with a transport error that names it.
    init(uncheckedBaseURL: String) {
        self.baseURL = uncheckedBaseURL
    }

    /// The request URL for a report (with `date_ini`/`date_end` when the report takes a range),
    /// then its `parameters` in the order given, each percent-encoded. It carries no secret: the
    /// token travels in a header.
    package func url(for report: ReportSpec, window: Window?, parameters: [QueryParameter] = []) -> String {
        var url = baseURL + "/api/v2/" + report.endpoint.rawValue + "?api=" + Self.queryEscaped(report.api)
        if report.takesRange, let window {
            url += "&date_ini=" + window.start.compact + "&date_end=" + window.end.compact
        }
        for parameter in parameters {
            url += "&" + Self.queryEscaped(parameter.name) + "=" + Self.queryEscaped(parameter.value)
        }
        return url
    }

    package var description: String { baseURL }

    /// Report names are catalog data, normally `[a-z0-9_]`; anything else (in parameter values too)
    /// is percent-encoded.
    static func queryEscaped(_ text: String) -> String {
        var out = ""
        for b in text.utf8 {
            switch b {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%" + String(decoding: [hex[Int(b >> 4)], hex[Int(b & 15)]], as: UTF8.self)
            }
        }
        return out
    }
}
